import { cancelBody } from './body-read.js'
import { type FerryError, HttpError } from './errors.js'
import type { BeforeRetryState, FerryRequest, Middleware } from './middleware.js'
import { responseRetryAfterMs } from './retry-timing.js'

/** The attempt as `beforeRequest` hooks see it: set `url`, `init` (a new `body`) or edit `headers` in place. */
export interface HookRequest extends Omit<FerryRequest, 'url' | 'init'> {
  url: string
  init: Omit<RequestInit, 'headers' | 'signal'>
}

/** What `afterResponse` hooks are told besides the request and the response. */
export interface AfterResponseState {
  /** 1 for the first attempt. */
  readonly attempt: number
}

/** What an `afterResponse` hook returns to ask for a retry: `hooks.retry()`. */
export interface RetryRequest {
  readonly retry: typeof RETRY
  /** The sleep before the retry, in ms, instead of `Retry-After` or the backoff. */
  readonly delayMs: number | undefined
}

type OneOrMany<T> = T | ReadonlyArray<T>
/** What a hook may return: `T`, or nothing (a hook written as a statement), now or later. */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook may be a function that returns nothing
type Returns<T> = T | undefined | void | Promise<T | undefined | void>

/** Hooks run in order; each field takes one function or an array of them (ky's shape). */
export interface Hooks {
  /**
   * Before each attempt is sent: edit `request.headers`, `request.url` or `request.init`, or return a
   * `Response` to answer without fetch (the remaining `beforeRequest` hooks are skipped).
   */
  readonly beforeRequest?: OneOrMany<(request: HookRequest) => Returns<Response>>
  /**
   * After each attempt's response arrives, before its status is checked and its body read: return a
   * `Response` to replace it, or `hooks.retry()` to retry the request (within `retry.limit` and its safety
   * rules).
   * Read a body through `response.clone()`.
   */
  readonly afterResponse?: OneOrMany<
    (request: FerryRequest, response: Response, state: AfterResponseState) => Returns<Response | RetryRequest>
  >
  /** Before each retry's sleep: return `hooks.stop` (or `false`) to throw the error instead. */
  readonly beforeRetry?: OneOrMany<(state: BeforeRetryState) => Returns<typeof STOP | boolean>>
  /** Before the call rejects with a Ferry error: return another error (an enriched one) to throw it instead. */
  readonly beforeError?: OneOrMany<(error: FerryError) => Returns<FerryError>>
}

const RETRY: unique symbol = Symbol('ferry.hooks.retry')
const STOP: unique symbol = Symbol('ferry.hooks.stop')

const list = <T>(value: OneOrMany<T> | undefined): ReadonlyArray<T> => {
  const all: T[] = []
  return value === undefined ? all : all.concat(value)
}

/** Builds the middleware of `hooks(options)`. */
function createHooks(options: Hooks): Middleware {
  const before = list(options.beforeRequest)
  const after = list(options.afterResponse)
  const retrying = list(options.beforeRetry)
  const erring = list(options.beforeError)

  const middleware: Middleware = async (request, next) => {
    const draft: HookRequest = { ...request, init: { ...request.init } }
    let response: Response | undefined
    for (const hook of before) {
      const answer = await hook(draft)
      if (answer instanceof Response) {
        response = answer
        break
      }
    }
    // A URL moved to an origin that may not receive credentials loses them, as it would have from the start.
    const moved = draft.url !== request.url && !request.trusts(draft.url)
    response ??= await next(
      moved ? { ...draft, trusted: false, init: { ...draft.init, credentials: 'same-origin' } } : draft,
    )
    try {
      for (const hook of after) {
        const answer = await hook(draft, response, { attempt: request.attempt })
        if (answer instanceof Response) {
          // The replaced body is read by nobody, unless the new response carries it on (`new Response(response.body)`):
          // let the server stop sending it.
          if (answer.body !== response.body) cancelBody(response)
          response = answer
        } else if (answer?.retry === RETRY) {
          throw new HttpError({
            request: request.request,
            response,
            retryAfterMs: answer.delayMs ?? responseRetryAfterMs(response),
            retryable: true,
            note: 'an afterResponse hook asked for a retry',
          })
        }
      }
      if (response.bodyUsed) {
        throw new TypeError(
          'Ferry: an afterResponse hook read the response body; read `response.clone()` or return a new Response.',
        )
      }
    } catch (thrown) {
      // Nobody reads this body any more: let the server stop sending it.
      cancelBody(response)
      throw thrown
    }
    return response
  }
  if (retrying.length) {
    middleware.beforeRetry = async (state) => {
      for (const hook of retrying) {
        const answer = await hook(state)
        if (answer === STOP || answer === false) return false
      }
      return true
    }
  }
  if (erring.length) {
    middleware.beforeError = async (error) => {
      for (const hook of erring) error = (await hook(error)) || error
      return error
    }
  }
  return middleware
}

/**
 * Returned by an `afterResponse` hook: retry the request as if its status were retryable (ky's `ky.retry()`).
 * The retry counts against `retry.limit` and keeps its safety rules (a POST without an Idempotency-Key is
 * never repeated); it waits `delayMs`, else the response's `Retry-After`, else the backoff.
 */
const retry = (options: { readonly delayMs?: number } = {}): RetryRequest => ({
  retry: RETRY,
  delayMs: options.delayMs,
})

/**
 * Lifecycle hooks with ky's names, as one middleware: `beforeRequest`, `afterResponse`, `beforeRetry` and
 * `beforeError`; add it to a client's or a request's `use`. What a hook throws rejects the call as it is (not
 * retried), like any code of the caller's. `hooks.retry()` (in `afterResponse`) asks for a retry, like ky's
 * `ky.retry()`; `hooks.stop` (from `beforeRetry`) cancels one, like `ky.stop`.
 *
 * @example
 * const api = createClient({
 *   baseUrl: '/api',
 *   use: [hooks({ beforeRequest: (request) => request.headers.set('X-Tenant', tenant) })],
 * })
 * hooks({ afterResponse: async (_, response) => (response.status === 403 ? (await refresh(), hooks.retry()) : undefined) })
 * hooks({ beforeRetry: ({ attempt }) => (attempt > 2 && offline() ? hooks.stop : undefined) })
 */
export const hooks = /* @__PURE__ */ Object.assign(createHooks, { retry, stop: STOP } as const)
