import { type ClaimResult, claimToken, type StoreTtlOptions, storeTtls, type WebhookStore } from './store.js'

/**
 * The one method the Redis store needs: send a raw command, resolve with its reply. The official `redis`
 * client (node-redis v4 and v5) has it as it is; for ioredis pass
 * `{ sendCommand: ([name, ...args]) => ioredis.call(name, ...args) }`.
 */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>
}

/** Options of {@link redisStore}. */
export interface RedisStoreOptions extends StoreTtlOptions {
  /** Prefix of every key, so several endpoints or apps can share one database. Default `'ferry:webhook:'`. */
  readonly prefix?: string
}

const DONE = 'done'
// Deletes the claim only when it is still ours: after our lock expired another delivery may hold the key, and a
// plain DEL would drop *its* claim. GET and DEL in one script, so nothing runs between them.
const RELEASE =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end"

/**
 * A {@link WebhookStore} in Redis, shared by every receiver that uses the same database: a claim is
 * `SET key pending:<token> NX PX lockTtlMs`, completion `SET key done PX ttlMs`, release a Lua script that
 * deletes the key only when the token matches. No dependency: bring your own connected client.
 *
 * @example
 * import { createClient } from 'redis'
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect()
 * const store = redisStore(redis, { prefix: 'shop:stripe:' })
 */
export function redisStore(client: RedisCommandClient, options: RedisStoreOptions = {}): WebhookStore {
  if (typeof client?.sendCommand !== 'function') {
    throw new TypeError(
      'redisStore: the client has no sendCommand(args) method. Pass a connected node-redis client ' +
        '(`await createClient().connect()`), or wrap another client: { sendCommand: (args) => … }.',
    )
  }
  const { ttlMs, lockTtlMs } = storeTtls(options, 'redisStore')
  const prefix = options.prefix ?? 'ferry:webhook:'
  const send = (args: string[]) => client.sendCommand(args)

  return {
    async claim(eventId): Promise<ClaimResult> {
      const key = prefix + eventId
      const token = claimToken()
      if (text(await send(['SET', key, `pending:${token}`, 'NX', 'PX', String(lockTtlMs)])) === 'OK') {
        return { status: 'claimed', token }
      }
      // Taken: done, or still pending. A key that vanished in between (released, expired) reads as in progress,
      // and the provider's next attempt claims it.
      return text(await send(['GET', key])) === DONE ? { status: 'done' } : { status: 'in-progress' }
    },
    async complete(eventId) {
      await send(['SET', prefix + eventId, DONE, 'PX', String(ttlMs)])
    },
    async release(eventId, token) {
      await send(['EVAL', RELEASE, '1', prefix + eventId, `pending:${token}`])
    },
  }
}

function text(reply: unknown): string | null {
  if (typeof reply === 'string') return reply
  if (reply instanceof Uint8Array) return new TextDecoder().decode(reply)
  return null
}
