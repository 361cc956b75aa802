import { cancelBody, readBody, readErrorBody } from './body-read.js'
import { serializeBody } from './body-send.js'
import type { ClientContext } from './client-context.js'
import {
  type ErrorKind,
  type FerryError,
  HttpError,
  isFerryError,
  NetworkError,
  type RequestDescriptor,
  TimeoutError,
} from './errors.js'
import type { EventInput } from './events.js'
import { acceptFor, mergeHeaders, randomId } from './headers.js'
import { compose, type Next } from './middleware.js'
import type { RequestOptions, ResponseAs } from './options.js'
import { redactUrl } from './redact.js'
import { decideRetry, methodAllowsRetry, resolveRetry, retryAllowed } from './retry.js'
import { responseRetryAfterMs } from './retry-timing.js'
import { validate } from './schema.js'
import { LinkedSignal, sleep } from './signals.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { timerValue } from './timers.js'
import { buildUrl, mergeQuery } from './url.js'

/**
 * Where a client keeps its engine, for `stream()` and `paginate()` (not part of the public API).
 * @internal
 */
export const EXECUTE: unique symbol = Symbol('ferry.execute')

/** How `execute` reads the body: a `ResponseAs`, or `'stream'` (status checked, body left to the caller). */
export type ReadMode = ResponseAs | 'stream'

/**
 * One settled logical request. For a body left to the caller (`'stream'`), `end` must be called when the
 * caller is done with it: with nothing after a complete read (the `success` event), or with what was thrown,
 * which it resolves to what to throw (the caller's abort reason, or a Ferry error with the call's true
 * `attempts`, after the middleware's `beforeError`) after reporting the terminal event. Only the first call
 * counts: the call ends once.
 */
export interface Executed {
  readonly data: unknown
  readonly response: Response
  readonly request: RequestDescriptor
  /** Bounds a promise by the caller's signal and `totalTimeout`, for reads of a body left to the caller. */
  readonly race: <T>(promise: Promise<T>) => Promise<T>
  /** `callerCode`: the thrown value is the caller's own code failing (a schema's bug), reported as such. */
  readonly end: (thrown?: unknown, callerCode?: boolean) => unknown
  /** The call's JSON parser (`parseJson`, else `JSON.parse`), for NDJSON lines. */
  readonly parse: (text: string) => unknown
}

type AnyRequestOptions = RequestOptions<StandardSchemaV1 | undefined, ResponseAs>

const SCHEME = /^[a-z][a-z\d+.-]*:/i
/** The reporter of a client without an `events` step: calls to it build nothing. */
const ignore = (): void => {}
const statusOf = (error: unknown) => (error instanceof HttpError ? { status: error.status } : {})

/**
 * Runs one logical request, in the order of DESIGN.md: options, URL, headers, body, signals, then attempts
 * (the middleware chain around `fetch`, the status check, the body) until one succeeds, one fails for good, or
 * the caller aborts; then `unwrap` and `schema`, all within `totalTimeout`. Reports exactly one terminal
 * event (`success`, `error` or `abort`).
 */
export function execute(
  ctx: ClientContext,
  method: string,
  path: string,
  options: AnyRequestOptions,
  mode: ReadMode,
  whole: true,
): Promise<Executed>
/** Without `whole`: resolves to the data alone (one promise less than `.then` on the result). */
export function execute(
  ctx: ClientContext,
  method: string,
  path: string,
  options: AnyRequestOptions,
  mode: Exclude<ReadMode, 'stream'>,
): Promise<unknown>
export async function execute(
  ctx: ClientContext,
  method: string,
  path: string,
  options: AnyRequestOptions,
  mode: ReadMode,
  whole?: boolean,
): Promise<unknown> {
  const client = ctx.options
  const started = Date.now()
  method = method.toUpperCase()

  // Every option is read and checked before a timer or a listener exists: a bad one leaves nothing behind.
  const policy = options.retry === undefined ? ctx.retry : resolveRetry(client.retry, options.retry)
  const attemptTimeout = options.timeout === undefined ? ctx.timeout : timerValue('timeout', options.timeout)
  const totalTimeout =
    options.totalTimeout === undefined ? ctx.totalTimeout : timerValue('totalTimeout', options.totalTimeout)

  // 1. URL
  const url = buildUrl(client.baseUrl, path, options.params, mergeQuery(client.query, options.query))
  if (!SCHEME.test(url) && typeof location === 'undefined') {
    throw new TypeError(`Ferry: the relative URL "${url}" needs a \`baseUrl\` outside a browser.`)
  }
  // Any slashes (or none, or backslashes) after the scheme: the URL parser reads `https:/u:p@host` as userinfo.
  if (url.includes('@') && /^(?:[a-z][a-z\d+.-]*:[\\/]*|[\\/]{2})[^/?#\\]*@/i.test(url)) {
    throw new TypeError('Ferry: the URL holds credentials; use `auth: basic({ username, password })`.')
  }
  // A path joined to a baseUrl stays on its origin. Without one, browsers read '/\\host' and '/\t/host' as
  // another host, so only the parser can tell.
  const trusted = (client.baseUrl && !SCHEME.test(path)) || ctx.trusts(url)

  // 2. Headers and body
  const headers = mergeHeaders(client.headers, options.headers)
  // Without a `headers` option nothing is there to look up: each call on a Headers costs (undici validates).
  const own = client.headers || options.headers
  const requestId = (own && headers.get('x-request-id')) ?? randomId()
  const request: RequestDescriptor = { method, url: redactUrl(url, client.redactQuery), requestId }
  const observer = client.events
  const emit = observer ? (event: EventInput) => observer.report(request, event) : ignore
  if (!own || !headers.has('accept')) headers.set('accept', acceptFor(mode))
  // A custom header makes a cross-origin request preflighted, so ids go only where credentials may go.
  if (trusted) headers.set('x-request-id', requestId)
  // A key set as a header (the client's or the request's) is sent all the same, so it makes a POST retryable too.
  const key =
    (options.idempotencyKey === true ? randomId() : options.idempotencyKey) ||
    (own && headers.get('idempotency-key')) ||
    undefined
  if (key) headers.set('idempotency-key', key)
  const sent = serializeBody(options.body, headers, method, options.stringifyJson ?? client.stringifyJson)
  if (sent.warning) emit({ type: 'warning', message: sent.warning })
  const init: RequestInit & { duplex?: 'half' } = {
    ...client.init,
    ...options.init,
    method,
    body: sent.body ?? null,
  }
  if (!trusted) init.credentials = 'same-origin'
  // Only a stream is not replayable, and fetch needs `duplex` to send one.
  if (!sent.replayable) init.duplex = 'half'

  // 3. Signals: the call's (caller + totalTimeout), then one per request put on the wire.
  const deadline = started + (totalTimeout ?? Number.POSITIVE_INFINITY)
  const caller = options.signal ?? undefined
  const call = new LinkedSignal(caller, totalTimeout)
  const raw = mode === 'response' || mode === 'stream'
  const parse = options.parseJson ?? client.parseJson ?? JSON.parse
  const throws = options.throwHttpErrors ?? client.throwHttpErrors ?? true
  const steps = options.use ? [...ctx.outer, ...options.use, ...ctx.inner] : ctx.chain
  /** The caller's code awaited by the core (seams, `shouldRetry`) stays within `totalTimeout` and the caller's signal. */
  const guard = <T>(value: T | Promise<T>): Promise<T> => call.race(Promise.resolve(value))

  let attempt = 0
  let link: LinkedSignal | undefined
  // True when the window's timer is the time left before the total deadline: its firing is `totalTimeout`'s.
  let cutByTotal = false

  /** What failed on the wire as a Ferry error; the caller's abort stays the caller's reason. */
  const onTheWire = (thrown: unknown): unknown => (caller?.aborted ? caller.reason : classify(thrown))
  /** A failure of the network or of a timer, as a Ferry error with the current attempt count. */
  const classify = (thrown: unknown): FerryError => {
    if (isFerryError(thrown)) return thrown
    // Date.now() and the timers drift apart, so the attempt's timer may fire before the call's for one deadline.
    const total = (call.timedOut || (cutByTotal && link?.timedOut)) && totalTimeout !== undefined
    const timeoutMs = total ? totalTimeout : link?.timedOut ? attemptTimeout : undefined
    const init = { request, attempts: attempt, cause: thrown }
    return timeoutMs === undefined
      ? new NetworkError(init)
      : new TimeoutError({ ...init, timeoutMs, scope: total ? 'total' : 'attempt' })
  }

  /**
   * `fetch` under a fresh window (a replay after a 401 refresh, a redirect hop get their own `timeout`), raced
   * so a deaf `fetch` cannot outlive it.
   */
  const wire = (target: string, sendInit: RequestInit, sendHeaders: Headers): Promise<Response> => {
    link?.dispose()
    const perAttempt = attemptTimeout ?? Number.POSITIVE_INFINITY
    // Without a total deadline there is no time left to read off the clock.
    const remaining = totalTimeout === undefined ? deadline : deadline - Date.now()
    cutByTotal = perAttempt >= remaining
    const ms = Math.min(perAttempt, remaining)
    link = new LinkedSignal(call.signal, ms < Number.POSITIVE_INFINITY ? Math.max(0, ms) : undefined)
    // Nothing is sent once the time is up (`timeout: 0`, `totalTimeout: 0`) or the caller has aborted.
    if (link.signal?.aborted) return Promise.reject(link.signal.reason)
    // Reported here, where it is sure to be sent (the events step adds the headers it was handed).
    if (emit !== ignore) emit({ type: 'request', attempt })
    sendInit.headers = sendHeaders
    sendInit.signal = link.signal ?? null
    let fetched: Promise<Response>
    try {
      fetched = (client.fetch ?? fetch)(target, sendInit)
    } catch (thrown) {
      // A fetch that throws instead of rejecting (a sync polyfill, a mock) failed on the wire all the same.
      fetched = Promise.reject(thrown)
    }
    return link.race(fetched, cancelBody, onTheWire)
  }
  /** The last step of the chain. The request's own init unless a middleware replaced it: no copy per attempt. */
  const transport: Next = (sending) =>
    wire(sending.url, sending.init === init ? init : { ...sending.init }, sending.headers)

  /**
   * Ends the call: runs the middleware's `beforeError` on a Ferry error, reports the one terminal event and
   * resolves to what to throw. `callerCode`: the caller's own code threw it (rejected as it is).
   */
  const fail = async (thrown: unknown, callerCode?: boolean): Promise<unknown> => {
    link?.dispose()
    // A stream body is never retried: its source is read no further once the call fails.
    sent.end?.(thrown)
    let kind: ErrorKind | 'caller' = 'caller'
    if (!caller?.aborted && !(callerCode && !call.timedOut)) {
      let error = classify(thrown)
      error.attempts = attempt
      thrown = error
      try {
        for (const step of steps)
          error = (step?.beforeError && (await guard(step.beforeError(error)))) || error
        thrown = error
        kind = error.kind
      } catch (hookThrew) {
        // A hook that fails rejects the call with its own error; the time running out keeps the call's.
        if (call.signal?.aborted) kind = error.kind
        else thrown = hookThrew
      }
    }
    call.dispose()
    const durationMs = Date.now() - started
    if (caller?.aborted) {
      emit({ type: 'abort', attempt, durationMs })
      return caller.reason
    }
    emit({ type: 'error', attempt, kind, durationMs, ...statusOf(thrown) })
    return thrown
  }

  const send = compose(steps, transport)
  const maxWait = policy.maxRetryAfter
  const trusts = ctx.trusts

  for (let retries = 0; ; ) {
    attempt = retries + 1
    link = undefined
    try {
      // 4–7. The chain (circuit breaker, rate limiter, `use`, auth), then fetch; without middleware, fetch
      // straight away (no request object to build). A fresh copy of the headers per attempt only when middleware
      // could change them; middleware is raced too, as it may ignore the signal (a token getter).
      const response = await (send === transport
        ? wire(url, init, headers)
        : call.race(
            send({
              url,
              method,
              headers: new Headers(headers),
              init,
              signal: call.signal,
              timeout: attemptTimeout,
              attempt,
              request,
              trusted,
              trusts,
              maxWait,
              emit,
            }),
            cancelBody,
          ))
      // The chain may answer without calling fetch (a cache, a mock): then the call's signal bounds the body.
      link ??= new LinkedSignal(call.signal)
      const window: LinkedSignal = link
      const status = response.status
      // 304 answers the caller's own conditional request (If-None-Match): no data, not a failure; so does the
      // opaque answer (status 0) to the caller's `mode: 'no-cors'`, all such a request can get. A status the
      // caller accepts (`throwHttpErrors`) is data too.
      if (!response.ok && status !== 304 && response.type !== 'opaque') {
        let fails: boolean
        try {
          fails = typeof throws === 'function' ? throws(status) : throws
        } catch (thrown) {
          cancelBody(response)
          throw thrown
        }
        if (fails) {
          const { body, problem } = await window.race(
            readErrorBody(response, method, parse),
            undefined,
            onTheWire,
          )
          throw new HttpError({
            request,
            response,
            body,
            problem,
            retryAfterMs: responseRetryAfterMs(response),
            retryable: policy.statuses.includes(status),
          })
        }
      }
      // 9. The body, under the attempt's timeout.
      let data: unknown = response
      if (raw) window.stopTimer()
      else {
        data = await window.race(readBody(response, mode, method, request, parse), undefined, (thrown) => {
          cancelBody(response)
          return onTheWire(thrown)
        })
        window.dispose()
      }
      // 10–11. Envelope and schema: the caller's code, within totalTimeout.
      const unwrap = (options.unwrap ?? client.unwrap) || undefined
      if (!raw && unwrap) data = await call.race(unwrap(data, response, request))
      if (!raw && options.schema) data = await call.race(validate(options.schema, data, request))
      // A body handed to our stream reader keeps following the caller's signal until `end`; a Response handed
      // out with `as: 'response'` is the caller's to read or cancel.
      let ended = false
      const end = (thrown?: unknown, callerCode?: boolean): unknown => {
        if (ended) return thrown
        ended = true
        if (thrown !== undefined) return fail(thrown, callerCode)
        window.dispose()
        call.dispose()
        if (emit !== ignore) emit({ type: 'success', attempt, status, durationMs: Date.now() - started })
      }
      if (mode !== 'stream' || !response.body) end()
      return whole
        ? ({
            data,
            response,
            request,
            race: (promise) => window.race(promise),
            end,
            parse,
          } satisfies Executed)
        : data
    } catch (thrown) {
      link?.dispose()
      // A cancellation, or the caller's own code failing (a token getter, a middleware, unwrap's or a schema's
      // bug, a `throwHttpErrors` function): not retried, rejected as it is.
      if (caller?.aborted || !(isFerryError(thrown) || call.timedOut || link?.timedOut)) {
        throw await fail(thrown, true)
      }
      const error = classify(thrown)
      error.attempts = attempt
      let decision: ReturnType<typeof decideRetry>
      try {
        // Only a failed attempt needs to know whether its method may be sent again.
        const mayRetry = sent.replayable && methodAllowsRetry(method, policy, !!key)
        const state = { policy, retries, mayRetry, now: Date.now(), deadline }
        // `shouldRetry` is asked only when the safety rules allow a retry at all.
        const verdict =
          policy.shouldRetry && retryAllowed(state)
            ? await guard(policy.shouldRetry({ error, attempt, retries }))
            : undefined
        decision = decideRetry(error, { ...state, verdict, now: Date.now() })
        for (const step of steps) {
          if (
            decision &&
            step?.beforeRetry &&
            (await guard(
              step.beforeRetry({ request, error, attempt: attempt + 1, delayMs: decision.delayMs }),
            )) === false
          ) {
            decision = undefined
          }
        }
      } catch (hookThrew) {
        throw await fail(hookThrew, true)
      }
      if (!decision) throw await fail(error)
      retries++
      const info = { attempt: attempt + 1, limit: policy.limit, ...decision }
      emit({ type: 'retry', ...info, ...statusOf(error) })
      try {
        options.onRetry?.({ ...info, error })
      } catch {
        // Like an observer's: a progress callback's bug must not break the request (nor leave its listeners behind).
      }
      // 8. The sleep between attempts wakes at once on abort.
      try {
        await sleep(decision.delayMs, call.signal)
      } catch (aborted) {
        throw await fail(aborted)
      }
    }
  }
}
