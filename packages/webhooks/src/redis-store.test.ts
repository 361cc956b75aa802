// The Redis store against a real redis-server (started per file on a free port, stopped by pid), through the
// official node-redis client as users pass it.
import { createClient } from 'redis'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createWebhookHandler } from './handler.js'
import { type RedisCommandClient, redisStore } from './redis-store.js'
import { signWebhook } from './sign.js'
import { type RedisServer, startRedisServer } from './test-support/redis-server.js'

let server: RedisServer
let redis: ReturnType<typeof createClient>

beforeAll(async () => {
  server = await startRedisServer()
  redis = createClient({ url: server.url })
  await redis.connect()
})
afterAll(async () => {
  await redis?.close()
  await server?.stop()
})
beforeEach(async () => {
  await redis.flushAll()
})

const claimed = async (store: ReturnType<typeof redisStore>, id: string) => {
  const claim = await store.claim(id)
  if (claim.status !== 'claimed') throw new Error(`expected a claim of ${id}, got ${claim.status}`)
  return claim.token
}

describe('redisStore', () => {
  it('claims with SET NX PX: one claim wins, the next is in progress, then done after completion', async () => {
    const store = redisStore(redis, { prefix: 't1:' })
    const token = await claimed(store, 'evt_1')
    expect(await redis.get('t1:evt_1')).toBe(`pending:${token}`)
    const pttl = await redis.pTTL('t1:evt_1')
    expect(pttl).toBeGreaterThan(59_000)
    expect(pttl).toBeLessThanOrEqual(60_000)
    expect(await store.claim('evt_1')).toEqual({ status: 'in-progress' })
    await store.complete('evt_1', token)
    expect(await redis.get('t1:evt_1')).toBe('done')
    expect(await redis.pTTL('t1:evt_1')).toBeGreaterThan(3 * 24 * 3_600_000 - 5_000)
    expect(await store.claim('evt_1')).toEqual({ status: 'done' })
  })

  it('releases atomically, only the claim named by the token', async () => {
    const store = redisStore(redis)
    const token = await claimed(store, 'evt_1')
    await store.release('evt_1', 'not-the-token')
    expect(await store.claim('evt_1')).toEqual({ status: 'in-progress' })
    await store.release('evt_1', token)
    expect(await redis.exists('ferry:webhook:evt_1')).toBe(0)
    expect((await store.claim('evt_1')).status).toBe('claimed')
  })

  it('lets an abandoned claim expire after lockTtlMs; the stale release then leaves the new claim alone', async () => {
    const store = redisStore(redis, { lockTtlMs: 1_000 })
    const stale = await claimed(store, 'evt_1')
    // Expire it now instead of waiting: Redis keeps the TTL, not our clock.
    await redis.pExpire('ferry:webhook:evt_1', 1)
    await expect.poll(() => redis.exists('ferry:webhook:evt_1'), { interval: 5 }).toBe(0)
    const fresh = await claimed(store, 'evt_1')
    await store.release('evt_1', stale)
    expect(await redis.get('ferry:webhook:evt_1')).toBe(`pending:${fresh}`)
  })

  it('gives only one of many concurrent claims the event', async () => {
    const store = redisStore(redis)
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claim('evt_burst')))
    expect(results.filter((r) => r.status === 'claimed')).toHaveLength(1)
  })

  it('works through a hand-written adapter (the shape for ioredis and other clients)', async () => {
    const calls: string[] = []
    const adapter: RedisCommandClient = {
      sendCommand: (args) => {
        calls.push(args[0] ?? '')
        return redis.sendCommand(args)
      },
    }
    const store = redisStore(adapter)
    await store.complete('evt_1', await claimed(store, 'evt_1'))
    expect(await store.claim('evt_1')).toEqual({ status: 'done' })
    expect(calls).toEqual(['SET', 'SET', 'SET', 'GET'])
  })

  it('refuses a client without sendCommand with a clear TypeError', () => {
    expect(() => Reflect.apply(redisStore, undefined, [{}])).toThrow(/no sendCommand\(args\) method/)
  })
})

describe('two handler instances sharing one Redis', () => {
  it('handle each event exactly once under a burst of duplicate deliveries', async () => {
    const secret = 'whsec_cluster'
    const ids = Array.from({ length: 10 }, (_, i) => `evt_${i}`)
    const copies = 5
    const runs = new Map<string, number>()
    // Every handler waits until all duplicates have been answered, so they all meet a claim in progress.
    let open = () => {}
    const gate = new Promise<void>((resolve) => {
      open = resolve
    })
    let inProgress = 0
    const make = () =>
      createWebhookHandler({
        secret,
        store: redisStore(redis, { prefix: 'cluster:' }),
        handle: async (event) => {
          runs.set(event.id, (runs.get(event.id) ?? 0) + 1)
          await gate
        },
        onResult: (result) => {
          if (result.outcome === 'in-progress' && ++inProgress === ids.length * (copies - 1)) open()
        },
      })
    const instances = [make(), make()]

    const deliver = async (id: string, n: number) => {
      const body = JSON.stringify({ id, type: 'payment_intent.succeeded' })
      const request = new Request('http://receiver/webhooks', {
        method: 'POST',
        body,
        headers: { 'stripe-signature': await signWebhook(body, secret) },
      })
      return (await instances[n % 2]?.(request))?.status
    }

    // Five deliveries of every event at once, alternating between the instances.
    const burst = await Promise.all(
      ids.flatMap((id) => Array.from({ length: copies }, (_, n) => deliver(id, n))),
    )
    expect(burst.filter((s) => s === 200)).toHaveLength(ids.length)
    expect(burst.filter((s) => s === 409)).toHaveLength(ids.length * (copies - 1))
    // The provider's retries of the 409s, now that the first deliveries finished: acknowledged as duplicates.
    const retries = await Promise.all(ids.map((id, n) => deliver(id, n)))
    expect(retries).toEqual(ids.map(() => 200))
    expect([...runs.keys()].sort()).toEqual([...ids].sort())
    expect([...runs.values()]).toEqual(ids.map(() => 1))
    expect(await redis.keys('cluster:*')).toHaveLength(ids.length)
  })
})
