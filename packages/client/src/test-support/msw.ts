// Shared helpers for the client's end-to-end tests: an msw server on https://api.test, request recording,
// a slow server body, and a `fetch` stub for timer-heavy tests. Excluded from the build (tsconfig.json).
import { getEventListeners } from 'node:events'
import { HttpResponse, http, type JsonBodyType } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'

export const API = 'https://api.test'

/** One msw server per test file: unhandled requests fail the test, handlers are reset after each test. */
export const server = setupServer()

export function useServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
}

/** The fake timers every backoff test uses: only what the client reads (timers and the clock). */
export function useFakeClock(now = Date.UTC(2026, 0, 15, 12, 0, 0)): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    vi.setSystemTime(now)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })
}

type Method = 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete' | 'options'
type Respond = (request: Request, call: number) => Response | Promise<Response>

/** What a route saw: every request, in order, with the time (fake clock) it arrived. */
export interface Recorded {
  readonly requests: Request[]
  readonly times: number[]
  /** The value of one header on every request, in order. */
  header(name: string): Array<string | null>
}

/**
 * Serves `method path` on https://api.test with `respond(request, call)` (call is 1-based) and records what
 * arrives. `respond` may also be a list of responses, one per call (the last one repeats).
 */
export function route(
  method: Method,
  path: string,
  respond: Respond | ReadonlyArray<() => Response>,
): Recorded {
  const requests: Request[] = []
  const times: number[] = []
  server.use(
    http[method](`${API}${path}`, ({ request }) => {
      requests.push(request)
      times.push(Date.now())
      const call = requests.length
      if (typeof respond === 'function') return respond(request, call)
      const make = respond[Math.min(call, respond.length) - 1]
      if (!make) throw new Error('route: no response given')
      return make()
    }),
  )
  return { requests, times, header: (name) => requests.map((request) => request.headers.get(name)) }
}

/** A response with `status`, optional headers and a small JSON body. */
export const status =
  (code: number, headers: Record<string, string> = {}) =>
  (): Response =>
    HttpResponse.json({ status: code }, { status: code, headers })

export const ok =
  (body: JsonBodyType = { ok: true }) =>
  (): Response =>
    HttpResponse.json(body)

/**
 * A slow server: sends the headers and `first` at once, then nothing more. When the client gives up
 * (its signal aborts), the body errors as a dropped connection does in a real fetch.
 */
export function stalledBody(request: Request, first: string, contentType = 'application/json'): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first))
      const drop = () => controller.error(request.signal.reason)
      if (request.signal.aborted) drop()
      else request.signal.addEventListener('abort', drop, { once: true })
    },
  })
  return new HttpResponse(body, { headers: { 'content-type': contentType } })
}

/** Never answers; rejects when the client aborts, like a real fetch. */
export function hang(request: Request): Promise<Response> {
  return new Promise((_, reject) => {
    if (request.signal.aborted) reject(request.signal.reason)
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true })
  })
}

/** What a stub `fetch` answers for one call: a Response, `'hang'` (until aborted), or an error to reject with. */
export type StubAnswer = Response | 'hang' | Error

/** A `fetch` stub that behaves like undici where the client can tell: abort rejects with the signal's reason. */
export interface StubFetch {
  readonly fetch: typeof globalThis.fetch
  readonly calls: Array<{ readonly url: string; readonly init: RequestInit; readonly time: number }>
}

export function stubFetch(answer: (call: number, url: string, init: RequestInit) => StubAnswer): StubFetch {
  const calls: Array<{ url: string; init: RequestInit; time: number }> = []
  const fetch: typeof globalThis.fetch = (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    calls.push({ url, init, time: Date.now() })
    const signal = init.signal
    if (signal?.aborted) return Promise.reject(signal.reason)
    const result = answer(calls.length, url, init)
    if (result instanceof Error) return Promise.reject(result)
    if (result !== 'hang') return Promise.resolve(result)
    return new Promise((_, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
    })
  }
  return { fetch, calls }
}

/**
 * Counts the abort listeners on `signal`: both what was added and not removed through its methods, and
 * what Node itself reports (`getEventListeners`), so a listener added any other way is seen too.
 */
export function countListeners(signal: AbortSignal): { active(): number; added(): number; node(): number } {
  const live = new Set<unknown>()
  let added = 0
  const add = signal.addEventListener.bind(signal)
  const remove = signal.removeEventListener.bind(signal)
  signal.addEventListener = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ) => {
    if (listener === null) return
    if (type === 'abort' && !live.has(listener)) {
      added++
      live.add(listener)
    }
    add(type, listener, options)
  }
  signal.removeEventListener = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ) => {
    if (listener === null) return
    if (type === 'abort') live.delete(listener)
    remove(type, listener, options)
  }
  return {
    active: () => live.size,
    added: () => added,
    node: () => getEventListeners(signal, 'abort').length,
  }
}

/** A promise watched from the start (no unhandled rejection), to check whether and how it settled. */
export interface Tracked<T> {
  readonly settled: boolean
  readonly rejected: boolean
  readonly value: T | undefined
  readonly error: unknown
  /** Resolves once the promise settled, either way. */
  readonly done: Promise<void>
}

export function track<T>(promise: Promise<T>): Tracked<T> {
  const state: {
    settled: boolean
    rejected: boolean
    value: T | undefined
    error: unknown
    done: Promise<void>
  } = {
    settled: false,
    rejected: false,
    value: undefined,
    error: undefined,
    done: Promise.resolve(),
  }
  state.done = promise.then(
    (value) => {
      state.settled = true
      state.value = value
    },
    (error: unknown) => {
      state.settled = true
      state.rejected = true
      state.error = error
    },
  )
  return state
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`)
    },
    (error: unknown) => error,
  )
}

/** Advances the fake clock in `stepMs` steps (0: runs what is due now) until `promise` settles. */
export async function settle<T>(promise: Promise<T>, stepMs = 50, maxSteps = 20_000): Promise<Tracked<T>> {
  const tracked = track(promise)
  for (let step = 0; !tracked.settled && step < maxSteps; step++) {
    await vi.advanceTimersByTimeAsync(stepMs)
    // msw answers through a few real macrotasks (setImmediate is not faked): let them run too.
    await new Promise((resolve) => setImmediate(resolve))
  }
  if (!tracked.settled) throw new Error(`settle: still pending after ${maxSteps} steps of ${stepMs} ms`)
  return tracked
}
