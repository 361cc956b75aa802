import { readBody, readErrorBody } from './body-read.js'
import { serializeBody } from './body-send.js'
import type { ClientContext } from './client-context.js'
import {
  type FerryError,
  HttpError,
  isFerryError,
  NetworkError,
  type RequestDescriptor,
  TimeoutError,
} from './errors.js'
import { acceptFor, mergeHeaders, randomId } from './headers.js'
import { compose, type Next } from './middleware.js'
import type { RequestOptions, ResponseAs } from './options.js'
import { redactUrl } from './redact.js'
import { eventHeaders, eventsFor, ignore } from './request-events.js'
import { decideRetry, methodAllowsRetry, resolveRetry } from './retry.js'
import { responseRetryAfterMs } from './retry-timing.js'
import { validate } from './schema.js'
import { follow, type LinkedSignal, linkSignal, sleep } from './signals.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { timerValue } from './timers.js'
import type { Envelope } from './unwrap.js'
import { buildUrl, mergeQuery } from './url.js'

/**
 * Where a client keeps its engine, for `stream()` and `paginate()` (not part of the public API).
 * @internal
 */
export const EXECUTE: unique symbol = Symbol('ferry.execute')

/** How `execute` reads the body: a `ResponseAs`, or `'stream'` (status checked, body left to the caller). */
export type ReadMode = ResponseAs | 'stream'

/**
 * One settled logical request. For a body left to the caller (`'stream'`), `end` must be called once when
 * the caller is done with it: with nothing after a complete read (the `success` event), or with what was
 * thrown, which it resolves to what to throw (the caller's abort reason, or a Ferry error with the call's true
 * `attempts`, after the middleware's `beforeError` seams) after reporting the terminal event.
 */
export interface Executed {
  readonly data: unknown
  readonly response: Response
  readonly request: RequestDescriptor
  /** Bounds a promise by the caller's signal and `totalTimeout`, for reads of a body left to the caller. */
  readonly race: <T>(promise: Promise<T>) => Promise<T>
  readonly end: (thrown?: unknown) => unknown
}

type AnyRequestOptions = RequestOptions<StandardSchemaV1 | undefined, ResponseAs>

const hasScheme = (url: string) => /^[a-z][a-z\d+.-]*:/i.test(url)
const cancelBody = (response: Response) => {
  response.body?.cancel().catch(ignore)
}

/**
 * Runs one logical request, in the order of DESIGN.md: URL, headers, body, signals, then attempts (the
 * middleware chain around `fetch`, the status check, the body) until one succeeds, one fails for good, or
 * the caller aborts; then `unwrap` and `schema`, all within `totalTimeout`. Reports exactly one terminal
 * event (`success`, `error` or `abort`).
 */
export async function execute(
  ctx: ClientContext,
  method: string,
  path: string,
  options: AnyRequestOptions,
  mode: ReadMode,
): Promise<Executed> {
  const client = ctx.options
  const started = Date.now()
  method = method.toUpperCase()

  // 1. URL
  const url = buildUrl(client.baseUrl, path, options.params, mergeQuery(client.query, options.query))
  if (!hasScheme(url) && typeof location === 'undefined') {
    throw new TypeError(`Ferry: the relative URL "${url}" needs a \`baseUrl\` outside a browser.`)
  }
  if (/^[a-z][a-z\d+.-]*:\/\/[^/?#]*@/i.test(url)) {
    throw new TypeError('Ferry: the URL holds credentials; use `auth: basic({ username, password })`.')
  }
  // A path joined to a baseUrl stays on its origin. Without one, browsers read '/\\host' and '/\t/host' as
  // another host, so only the parser can tell.
  const trusted = (client.baseUrl && !hasScheme(path)) || ctx.trusts(url)

  // 2. Headers and body
  const headers = mergeHeaders(client.headers, options.headers)
  const requestId = headers.get('x-request-id') ?? randomId()
  const request: RequestDescriptor = { method, url: redactUrl(url, client.redactQuery), requestId }
  const emit = eventsFor(client, request)
  if (!headers.has('accept')) headers.set('accept', acceptFor(mode))
  // A custom header makes a cross-origin request preflighted, so ids go only where credentials may go.
  if (trusted) headers.set('x-request-id', requestId)
  const key = options.idempotencyKey === true ? randomId() : options.idempotencyKey || undefined
  if (key) headers.set('idempotency-key', key)
  const sent = serializeBody(options.body, headers, method, options.stringifyJson ?? client.stringifyJson)
  if (sent.warning) emit({ type: 'warning', message: sent.warning })
  // Every `init` key reaches fetch untouched, except credentials for an origin that may not receive them.
  const init: RequestInit & { duplex?: 'half' } = {
    ...client.init,
    ...options.init,
    method,
    body: sent.body ?? null,
  }
  if (!trusted) init.credentials = 'same-origin'
  // Only a stream is not replayable, and fetch needs `duplex` to send one.
  if (!sent.replayable) init.duplex = 'half'

  // 3. Signals and the retry policy
  const attemptTimeout = options.timeout === undefined ? ctx.timeout : timerValue('timeout', options.timeout)
  const totalTimeout =
    options.totalTimeout === undefined ? ctx.totalTimeout : timerValue('totalTimeout', options.totalTimeout)
  const deadline = totalTimeout === undefined ? Number.POSITIVE_INFINITY : started + totalTimeout
  const caller = options.signal ?? undefined
  // Without a total timeout the caller's signal is the parent itself: one AbortController per attempt, not two.
  const call = totalTimeout === undefined ? follow(caller) : linkSignal(caller, totalTimeout)
  const policy = options.retry === undefined ? ctx.retry : resolveRetry(client.retry, options.retry)
  const mayRetry = sent.replayable && methodAllowsRetry(method, policy, key !== undefined)
  const fetcher = client.fetch ?? globalThis.fetch
  const raw = mode === 'response' || mode === 'stream'
  const parse = options.parseJson ?? client.parseJson
  const accept = options.throwHttpErrors ?? client.throwHttpErrors ?? true

  // The attempt in progress: its signal is created when the chain reaches `fetch`.
  let attempt = 0
  let link: LinkedSignal | undefined
  // True when the attempt's timer is the time left before the total deadline: its firing is `totalTimeout`'s.
  let cutByTotal = false

  /** The last step of the chain: `fetch` under the attempt's timeout, raced so a deaf `fetch` cannot outlive it. */
  const transport: Next = (sending) => {
    if (!link) {
      const remaining = deadline - Date.now()
      const perAttempt = attemptTimeout ?? Number.POSITIVE_INFINITY
      cutByTotal = perAttempt >= remaining
      const ms = Math.min(perAttempt, remaining)
      link = ms === Number.POSITIVE_INFINITY ? follow(call.signal) : linkSignal(call.signal, Math.max(0, ms))
    }
    const signal = link.signal
    // Nothing is sent once the time is up (`timeout: 0`, `totalTimeout: 0`) or the caller has aborted.
    if (signal?.aborted) return Promise.reject(signal.reason)
    // Events are built only when someone listens: the common case allocates none.
    if (emit !== ignore) emit({ type: 'request', attempt, ...eventHeaders(client, sending.headers) })
    const sendInit: RequestInit = sending.init === init ? init : { ...sending.init }
    sendInit.headers = sending.headers
    sendInit.signal = signal ?? null
    const sentAt = Date.now()
    let pending: Promise<Response>
    try {
      pending = fetcher(sending.url, sendInit)
    } catch (thrown) {
      // A fetch that throws instead of rejecting (a sync polyfill, a mock) failed on the wire all the same.
      pending = Promise.reject(thrown)
    }
    const fetched = link.race(pending, cancelBody)
    // Every response is reported, also those a middleware handles itself (a 401 before a refresh).
    return (emit === ignore ? fetched : fetched.then((response) => reported(response, sentAt))).catch(
      onTheWire,
    )
  }
  const reported = (response: Response, sentAt: number) => {
    const durationMs = Date.now() - sentAt
    emit({
      type: 'response',
      attempt,
      status: response.status,
      durationMs,
      ...eventHeaders(client, response.headers),
    })
    return response
  }
  /** What failed on the wire as a Ferry error; the caller's abort stays the caller's reason. */
  const onTheWire = (thrown: unknown): never => {
    throw caller?.aborted ? caller.reason : classify(thrown)
  }
  /** A failure of the network or of a timer, as a Ferry error with the current attempt count. */
  const classify = (thrown: unknown): FerryError => {
    if (isFerryError(thrown)) return thrown
    // Date.now() and the timers drift apart, so the attempt's timer may fire before the call's for one deadline.
    const total = (call.timedOut || (cutByTotal && link?.timedOut)) && totalTimeout !== undefined
    const timeoutMs = total ? totalTimeout : link?.timedOut ? attemptTimeout : undefined
    return timeoutMs === undefined
      ? new NetworkError({ request, attempts: attempt, cause: thrown })
      : new TimeoutError({
          request,
          attempts: attempt,
          timeoutMs,
          scope: total ? 'total' : 'attempt',
          cause: thrown,
        })
  }
  /** Ends the call: reports its one terminal event and returns what to throw, after `beforeError` seams. */
  const fail = async (thrown: unknown, callerCode = false): Promise<unknown> => {
    link?.dispose()
    call.dispose()
    const durationMs = Date.now() - started
    if (caller?.aborted) {
      emit({ type: 'abort', attempt, durationMs })
      return caller.reason
    }
    if (callerCode) {
      emit({ type: 'error', attempt, kind: 'caller', durationMs })
      return thrown
    }
    let error = classify(thrown)
    error.attempts = attempt
    try {
      for (const step of chain) error = (await step?.beforeError?.(error)) || error
    } catch (hookThrew) {
      emit({ type: 'error', attempt, kind: 'caller', durationMs })
      return hookThrew
    }
    emit({ type: 'error', attempt, kind: error.kind, durationMs, ...statusOf(error) })
    return error
  }

  const steps = options.use ? [...ctx.chain, ...options.use] : ctx.chain
  const chain = client.auth ? [...steps, client.auth] : steps
  const send = compose(chain, transport)
  const maxWait = policy.maxRetryAfter
  const trusts = ctx.trusts

  for (let retries = 0; ; ) {
    attempt = retries + 1
    link = undefined
    try {
      // 4–7. The chain (circuit breaker, rate limiter, `use`, auth), then fetch.
      const sending = send({
        url,
        method,
        // A fresh copy per attempt only when middleware could change it.
        headers: send === transport ? headers : new Headers(headers),
        init,
        signal: call.signal,
        attempt,
        request,
        trusted,
        trusts,
        maxWait,
        emit,
      })
      // The transport races its own fetch; middleware is raced too, as it may ignore the signal (a token getter).
      const response = await (send === transport ? sending : call.race(sending, cancelBody))
      // The chain may answer without calling fetch (a cache, a mock): then the call's signal bounds the body.
      link ??= follow(call.signal)
      const attemptLink: LinkedSignal = link
      // 304 answers the caller's own conditional request (If-None-Match): no data, not a failure. A status
      // accepted by `throwHttpErrors` is data too.
      const { status } = response
      if (!response.ok && status !== 304 && (typeof accept === 'function' ? accept(status) : accept)) {
        const { body, problem } = await attemptLink
          .race(readErrorBody(response, method, parse))
          .catch(onTheWire)
        throw new HttpError({
          request,
          response,
          body,
          problem,
          retryAfterMs: responseRetryAfterMs(response),
          retryable: policy.statuses.includes(status),
        })
      }
      // 9. The body, under the attempt's timeout.
      let data: unknown = response
      if (raw) attemptLink.stopTimer()
      else {
        data = await attemptLink
          .race(readBody(response, mode, method, request, parse))
          .catch((thrown: unknown) => {
            cancelBody(response)
            return onTheWire(thrown)
          })
        attemptLink.dispose()
      }
      // 10–11. Envelope and schema: the caller's code, within totalTimeout.
      const unwrap = options.unwrap ?? client.unwrap
      if (!raw && (unwrap || options.schema)) {
        data = await call.race(finish(data, response, unwrap || undefined, options.schema, request))
      }
      // A body handed to our stream reader keeps following the caller's signal until `end`; a Response handed
      // out with `as: 'response'` is the caller's to read or cancel.
      const streaming = mode === 'stream' && response.body !== null
      const end = (thrown?: unknown): unknown => {
        if (thrown !== undefined) return fail(thrown)
        attemptLink.dispose()
        call.dispose()
        if (emit !== ignore) {
          emit({ type: 'success', attempt, status: response.status, durationMs: Date.now() - started })
        }
        return undefined
      }
      if (!streaming) end()
      return { data, response, request, race: attemptLink.race, end }
    } catch (thrown) {
      link?.dispose()
      // A cancellation, or the caller's own code failing (a token getter, a hook, a middleware, unwrap's or a
      // schema's bug): not retried, rejected as it is.
      if (caller?.aborted || !(isFerryError(thrown) || call.timedOut || link?.timedOut)) {
        throw await fail(thrown, true)
      }
      const error = classify(thrown)
      error.attempts = attempt
      let decision: ReturnType<typeof decideRetry>
      try {
        // `shouldRetry` is asked only when a retry would be safe and in time; its `undefined` keeps the rules.
        const asked =
          policy.shouldRetry && mayRetry && retries < policy.limit && Date.now() < deadline
            ? await policy.shouldRetry({ error, attempt, retries })
            : undefined
        const now = Date.now()
        decision =
          asked === false
            ? undefined
            : decideRetry(error, { policy, retries, mayRetry, now, deadline, force: asked })
        // The middleware's `beforeRetry` seams see the decision before the sleep; `false` cancels it.
        if (decision) {
          const state = { request, error, attempt: attempt + 1, delayMs: decision.delayMs }
          for (const step of chain) {
            if ((await step?.beforeRetry?.(state)) === false) {
              decision = undefined
              break
            }
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
        // Like onEvent: a progress callback's bug must not break the request (nor leave its listeners behind).
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

const statusOf = (error: FerryError) => (error instanceof HttpError ? { status: error.status } : {})

/** Applies the `unwrap` step (`envelope()`), then the schema. */
async function finish(
  data: unknown,
  response: Response,
  unwrap: Envelope | undefined,
  schema: StandardSchemaV1 | undefined,
  request: RequestDescriptor,
): Promise<unknown> {
  if (unwrap) data = await unwrap(data, response, request)
  return schema ? validate(schema, data, request) : data
}
