// A soak through a hostile server on 127.0.0.1: thousands of calls meet resets, stalls, truncated and invalid
// bodies, 429/503 with Retry-After, and users who give up. Real time (the server's stalls are real), bounded:
// every wait is short and every call has a total deadline. Seeded: FERRY_SOAK_SEED=<n> replays a run.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect, it } from 'vitest'
import { type Client, createClient, isFerryError, type RequestOptions } from './index.js'
import { type HostileServer, seeded, startHostileServer } from './test-support/hostile-server.js'
import { startServer } from './test-support/server.js'

const SEED = Number(process.env.FERRY_SOAK_SEED ?? 20_261_206)
const CALLS = Number(process.env.FERRY_SOAK_CALLS ?? 2000)
const CONCURRENCY = 32
// Generous for loopback, since the machine may be busy: a stall still costs a whole attempt.
const TIMEOUT = 300
const TOTAL_TIMEOUT = 1200
// How late past its totalTimeout a call may settle, besides the longest the event loop was held up (on 2
// cores shared with other work, a timer can fire that late whatever the client does).
const SLACK = 100
const RETRY = { limit: 3, baseDelay: 5, maxDelay: 25 }

type Kind = 'get' | 'keyed-post' | 'keyless-post'

interface Plan {
  readonly id: number
  readonly kind: Kind
  /** When the user gives up, in ms after the call starts; `undefined`: never. */
  readonly abortAfterMs: number | undefined
}

interface Outcome {
  readonly plan: Plan
  readonly elapsedMs: number
  readonly settled: 'resolved' | 'rejected' | 'hung'
  readonly error?: unknown
  /** The reason the user aborted with, when the abort fired before the call settled. */
  readonly abortReason: Error | undefined
}

function planFor(id: number): Plan {
  const random = seeded(SEED * 31 + id)
  const kind = random()
  const abort = random()
  return {
    id,
    kind: kind < 0.5 ? 'get' : kind < 0.75 ? 'keyed-post' : 'keyless-post',
    abortAfterMs: abort < 0.12 ? Math.floor(random() * TOTAL_TIMEOUT) : undefined,
  }
}

async function run(api: Client, plan: Plan): Promise<Outcome> {
  const controller = new AbortController()
  let abortReason: Error | undefined
  const abortTimer =
    plan.abortAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          abortReason = new Error(`soak: the user gave up on call ${plan.id}`)
          controller.abort(abortReason)
        }, plan.abortAfterMs)
  const path = `/soak/${plan.id}`
  const options: RequestOptions = { signal: controller.signal }
  const started = performance.now()
  const call =
    plan.kind === 'get'
      ? api.get(path, options)
      : api.post(path, {
          ...options,
          body: { id: plan.id },
          ...(plan.kind === 'keyed-post' ? { idempotencyKey: true } : {}),
        })
  let watchdog: ReturnType<typeof setTimeout> | undefined
  const result = await Promise.race([
    call.then(
      () => ({ settled: 'resolved' as const }),
      (error: unknown) => ({ settled: 'rejected' as const, error }),
    ),
    new Promise<{ settled: 'hung' }>((resolve) => {
      watchdog = setTimeout(() => resolve({ settled: 'hung' }), TOTAL_TIMEOUT + 3000)
    }),
  ])
  const elapsedMs = performance.now() - started
  clearTimeout(watchdog)
  clearTimeout(abortTimer)
  return { plan, elapsedMs, abortReason, ...result }
}

// Vitest cannot pass --expose-gc to its workers; this enables the same `gc()` from inside.
setFlagsFromString('--expose-gc')
const gc: unknown = runInNewContext('gc')
const heapAtRest = async () => {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    if (typeof gc === 'function') gc()
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return heapUsed + arrayBuffers
}
const handles = () => {
  const counts: Record<string, number> = {}
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1
  return counts
}
/** The handle types of which there are more now than in `before`. */
const above = (before: Record<string, number>, now: Record<string, number>) =>
  Object.fromEntries(Object.entries(now).filter(([type, count]) => count > (before[type] ?? 0)))
/** Polls (up to `ms`) until no type of handle outnumbers `before`; returns those that still do. */
async function handlesAbove(before: Record<string, number>, ms: number) {
  const until = performance.now() + ms
  let extra = above(before, handles())
  while (Object.keys(extra).length > 0 && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25))
    extra = above(before, handles())
  }
  return extra
}

it(`settles ${CALLS} calls through a hostile server by their deadline, typed, keyed once, and leaks nothing (seed ${SEED})`, {
  timeout: 120_000,
}, async ({ annotate }) => {
  const handlesBefore = handles()
  // Warm up fetch and the client (lazily created machinery, JIT) on a server of its own, so the heap's baseline
  // includes what stays, and cold calls do not all time out at once when the soak starts.
  const warmup = await startServer((_req, res) => res.end('{}'))
  const warm = createClient({ baseUrl: warmup.origin })
  for (let i = 0; i < 50; i++) await warm.post('/warm-up', { body: { i }, idempotencyKey: true })
  await warmup.close()
  const heapBefore = await heapAtRest()
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const began = performance.now()

  let server: HostileServer | undefined = await startHostileServer(SEED)
  const api = createClient({
    baseUrl: server.origin,
    timeout: TIMEOUT,
    totalTimeout: TOTAL_TIMEOUT,
    retry: RETRY,
  })
  const outcomes: Outcome[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      // Ramped up over half a second, as traffic arrives, rather than 64 connections opened in one instant.
      await new Promise((resolve) => setTimeout(resolve, worker * 8))
      while (next < CALLS) outcomes.push(await run(api, planFor(next++)))
    }),
  )
  const soakMs = performance.now() - began
  loop.disable()
  const lagMs = loop.max / 1e6
  const allowedMs = TOTAL_TIMEOUT + SLACK + lagMs

  const late: string[] = []
  const untyped: string[] = []
  const keys: string[] = []
  const resent: string[] = []
  const tooMany: string[] = []
  const tally: Record<string, number> = {}
  let maxElapsed = 0
  for (const outcome of outcomes) {
    const { plan, error } = outcome
    const attempts = server.calls.get(plan.id) ?? []
    const label = `call ${plan.id} (${plan.kind}${plan.abortAfterMs === undefined ? '' : `, aborted at ${plan.abortAfterMs} ms`}; server saw ${attempts.map((a) => a.fault).join(', ') || 'nothing'})`
    maxElapsed = Math.max(maxElapsed, outcome.elapsedMs)
    if (outcome.settled === 'hung' || outcome.elapsedMs > allowedMs) {
      late.push(`${label}: ${outcome.settled} after ${Math.round(outcome.elapsedMs)} ms: ${String(error)}`)
    }
    const ownReason = outcome.abortReason !== undefined && error === outcome.abortReason
    if (outcome.settled === 'rejected' && !isFerryError(error) && !ownReason) {
      untyped.push(`${label}: ${String(error)}`)
    }
    const what =
      outcome.settled !== 'rejected'
        ? outcome.settled
        : ownReason
          ? 'aborted'
          : isFerryError(error)
            ? error.kind
            : 'untyped'
    tally[what] = (tally[what] ?? 0) + 1
    if (attempts.length > RETRY.limit + 1) tooMany.push(`${label}: ${attempts.length} attempts`)
    if (plan.kind === 'keyed-post') {
      const sent = new Set(attempts.map((attempt) => attempt.idempotencyKey))
      if (sent.size > 1 || sent.has(undefined) || sent.has(''))
        keys.push(`${label}: keys ${[...sent].join(', ')}`)
    }
    if (plan.kind === 'keyless-post') {
      // Exactly once when the server answered it (a response or an HTTP error); at most once otherwise, since a
      // timeout or an abort can cut the request before the server read it.
      const answered = outcome.settled === 'resolved' || (isFerryError(error) && error.kind === 'http')
      if (attempts.length > 1 || (answered && attempts.length !== 1))
        resent.push(`${label}: sent ${attempts.length} times`)
    }
  }
  const allKeys = outcomes
    .filter((outcome) => outcome.plan.kind === 'keyed-post')
    .map((outcome) => server?.calls.get(outcome.plan.id)?.[0]?.idempotencyKey)
    .filter((key) => key !== undefined)
  const faults = Object.fromEntries(server.faults)

  // Everything the soak held is let go before the heap and the handles are compared with the start.
  await server.close()
  server = undefined
  outcomes.length = 0
  const handlesLeft = await handlesAbove(handlesBefore, 300)
  const heapGrowth = (await heapAtRest()) - heapBefore

  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`
  await annotate(
    `seed ${SEED}: ${CALLS} calls in ${Math.round(soakMs)} ms, slowest ${Math.round(maxElapsed)} ms (event loop held up ${Math.round(lagMs)} ms at most); outcomes ${JSON.stringify(tally)}; faults ${JSON.stringify(faults)}; heap growth ${mb(heapGrowth)}`,
  )

  // Soft: a failing run reports every broken promise at once, not only the first.
  // The soak met what it claims to: every fault, every kind of outcome.
  expect.soft(Object.keys(faults).sort()).toHaveLength(12)
  for (const outcome of ['resolved', 'aborted', 'http', 'network', 'timeout', 'parse']) {
    expect.soft(tally[outcome] ?? 0, `no call ended ${outcome}`).toBeGreaterThan(0)
  }
  expect.soft(late, `calls past totalTimeout + ${SLACK} ms + the loop's lag (seed ${SEED})`).toEqual([])
  expect.soft(untyped, `rejections neither a Ferry error nor the caller's reason (seed ${SEED})`).toEqual([])
  expect.soft(tooMany, `calls over retry.limit + 1 attempts (seed ${SEED})`).toEqual([])
  expect.soft(keys, `keyed POSTs without one key on every attempt (seed ${SEED})`).toEqual([])
  expect.soft(new Set(allKeys).size, 'each keyed call has its own key').toBe(allKeys.length)
  expect.soft(resent, `keyless POSTs sent more than once (seed ${SEED})`).toEqual([])
  // Closed sockets and cleared timers: nothing the soak started is still active (vitest's own may end).
  expect.soft(handlesLeft, `active handles above ${JSON.stringify(handlesBefore)} after the soak`).toEqual({})
  expect.soft(heapGrowth, `heap growth ${mb(heapGrowth)}`).toBeLessThan(8 * 2 ** 20)
})
