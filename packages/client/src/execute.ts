import { readBody, readErrorBody } from './body-read.js'
import { serializeBody } from './body-send.js'
import type { CircuitBreaker } from './circuit-breaker.js'
import {
  ApiError,
  CircuitOpenError,
  type FerryError,
  HttpError,
  isFerryError,
  NetworkError,
  type RequestDescriptor,
  TimeoutError,
  ValidationError,
} from './errors.js'
import { type FerryEvent, redactHeaders, redactUrl } from './events.js'
import { acceptFor, mergeHeaders, randomId } from './headers.js'
import type { ClientOptions, RequestOptions, ResponseAs, RetryReason } from './options.js'
import type { RateLimiter } from './rate-limiter.js'
import { fetchFollowing } from './redirect.js'
import { backoffDelay, methodAllowsRetry, type RetryPolicy, resolveRetry } from './retry.js'
import { responseRetryAfterMs } from './retry-timing.js'
import { follow, type LinkedSignal, linkSignal, sleep } from './signals.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { buildUrl, isTrustedUrl } from './url.js'

/** What every request of one client shares. */
export interface ClientContext {
  readonly options: ClientOptions
  readonly breaker: CircuitBreaker | undefined
  readonly limiter: RateLimiter | undefined
  /** The client's retry policy, resolved once. */
  readonly retry: RetryPolicy
}

/** How `execute` reads the body: a `ResponseAs`, or `'stream'` (status checked, body left to the caller). */
export type ReadMode = ResponseAs | 'stream'

/**
 * One settled logical request. `release` stops following the caller's signal once the caller is done;
 * `failure` turns what failed while the caller read the body (a stream) into a Ferry error (a `totalTimeout`
 * that fired is a `TimeoutError`, a lost connection a `NetworkError`) and reports it as an `error` event.
 */
export interface Executed {
  readonly data: unknown
  readonly response: Response
  readonly request: RequestDescriptor
  readonly release: () => void
  readonly failure: (thrown: unknown) => FerryError
}

type AnyRequestOptions = RequestOptions<StandardSchemaV1 | undefined, ResponseAs>

const DEFAULT_TIMEOUT = 10_000
const hasScheme = (url: string) => /^[a-z][a-z\d+.-]*:/i.test(url)

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
/** An event as `emit` takes it: the request's id, method, URL and the time are added. */
type EventFields = DistributiveOmit<
  Exclude<FerryEvent, { type: 'circuit' }>,
  'requestId' | 'method' | 'url' | 'time'
>

/**
 * Runs one logical request: builds it, then attempts it until it succeeds, fails for good, or the caller
 * aborts (retries, auth refresh, circuit breaker and rate limiter included), then unwraps and validates.
 */
export async function execute(
  ctx: ClientContext,
  method: string,
  path: string,
  options: AnyRequestOptions,
  mode: ReadMode,
): Promise<Executed> {
  const client = ctx.options
  method = method.toUpperCase()
  const url = buildUrl(client.baseUrl, path, options.params, options.query)
  if (!hasScheme(url) && typeof location === 'undefined') {
    throw new TypeError(`Ferry: the relative URL "${url}" needs a \`baseUrl\` outside a browser.`)
  }
  if (/^[a-z][a-z\d+.-]*:\/\/[^/?#]*@/i.test(url)) {
    throw new TypeError('Ferry: the URL holds credentials; use `auth: basic({ username, password })`.')
  }
  // A path joined to a baseUrl stays on its origin. Without one, browsers read '/\\host' and '/\t/host' as
  // another host, so only the parser (isTrustedUrl) can tell.
  const trusted =
    (client.baseUrl && !hasScheme(path)) || isTrustedUrl(url, client.baseUrl, client.allowedOrigins)
  const headers = mergeHeaders(client.headers, options.headers)
  const requestId = headers.get('x-request-id') ?? randomId()
  const request: RequestDescriptor = { method, url: redactUrl(url, client.redactQuery), requestId }
  const observer = client.onEvent
  // Events are built only when someone listens: the common case pays nothing for them.
  const safe = (event: FerryEvent) => {
    try {
      observer?.(event)
    } catch {
      // An observer's bug must not break the request it observes.
    }
  }
  const emit = (event: EventFields, time = Date.now()) => {
    if (observer) safe({ ...request, ...event, time })
  }
  const eventHeaders = (source: Headers) =>
    client.includeHeaders ? { headers: redactHeaders(source, client.redactHeaders) } : {}
  const raw = mode === 'response' || mode === 'stream'

  if (!headers.has('accept')) headers.set('accept', acceptFor(mode))
  // A custom header makes a cross-origin request preflighted, so ids go only where credentials may go.
  if (trusted) headers.set('x-request-id', requestId)
  const key = options.idempotencyKey === true ? randomId() : options.idempotencyKey || undefined
  if (key) headers.set('idempotency-key', key)
  const sent = serializeBody(options.body, headers, method)
  if (sent.warning) emit({ type: 'warning', message: sent.warning })

  const policy = options.retry === undefined ? ctx.retry : resolveRetry(client.retry, options.retry)
  const mayRetry = sent.replayable && methodAllowsRetry(method, policy, key !== undefined)
  const attemptTimeout = attemptTimeoutOf(options, client)
  const totalTimeout = pick(options.totalTimeout, client.totalTimeout, undefined)
  const started = Date.now()
  const deadline = totalTimeout === undefined ? undefined : started + totalTimeout
  const caller = options.signal ?? undefined
  // Without a total timeout the caller's signal is the parent itself: one AbortController per attempt, not two.
  const call = totalTimeout === undefined ? follow(caller) : linkSignal(caller, totalTimeout)
  const auth = trusted ? client.auth : undefined
  const fetcher = client.fetch ?? globalThis.fetch
  const credentials = trusted ? (options.credentials ?? client.credentials) : 'same-origin'
  const init: RequestInit & { duplex?: 'half' } = { method, body: sent.body ?? null }
  if (credentials) init.credentials = credentials
  pickInit(client, init)
  pickInit(options, init)
  // Only a stream is not replayable, and fetch needs `duplex` to send one.
  if (!sent.replayable) init.duplex = 'half'
  const breaker = ctx.breaker
  // True while this attempt holds the half-open circuit's probe slot.
  let probe = false
  // The breaker is shared by clients with different observers, so each reports the changes it causes.
  const track = <R>(change: () => R): R => {
    if (!breaker || !observer) return change()
    const previous = breaker.state
    const result = change()
    const state = breaker.state
    if (state !== previous) safe({ type: 'circuit', state, previous, time: Date.now() })
    return result
  }
  const record = (outcome: 'success' | 'failure' | 'neutral') => track(() => breaker?.record(outcome, probe))
  /** The thrown value as a Ferry error: a timeout (total or per attempt) or a network failure. */
  const classify = (
    thrown: unknown,
    attempt: number,
    link?: LinkedSignal,
    cutByTotal?: boolean,
  ): FerryError => {
    if (isFerryError(thrown)) return thrown
    // Date.now() and the timers drift apart, so the attempt's timer may fire before the call's for the same deadline.
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
  let retries = 0
  let refreshed = false

  for (let attempt = 1; ; attempt++) {
    let link: LinkedSignal | undefined
    probe = false
    // True when the attempt's timer is the time left before the total deadline: its firing is `totalTimeout`'s.
    let cutByTotal = false
    // Only what fails between sending and the end of the body is the network's fault.
    let onTheWire = false
    let hookFailed = false
    const attemptStart = Date.now()
    try {
      if (breaker) {
        const gate = track(() => breaker.acquire())
        // Every error thrown in here gets its `attempts` in the catch below.
        if (!gate.ok) throw new CircuitOpenError({ request, retryAt: gate.retryAt })
        probe = gate.probe
      }
      if (ctx.limiter) {
        // A server-requested pause longer than `maxRetryAfter` fails at once, as the 429 that started it did.
        const waited = await ctx.limiter.acquire(call.signal, { maxMs: policy.maxRetryAfter, request })
        if (waited > 0) emit({ type: 'rate-limit', delayMs: waited })
      }
      // A total deadline shorter than the attempt timeout bounds the attempt too.
      const remaining = deadline === undefined ? Infinity : deadline - Date.now()
      const perAttempt = attemptTimeout ?? Infinity
      cutByTotal = deadline !== undefined && perAttempt >= remaining
      const limit = Math.min(perAttempt, remaining)
      link = limit === Infinity ? follow(call.signal) : linkSignal(call.signal, limit)
      const attemptHeaders = auth ? new Headers(headers) : headers
      const generation = auth ? await auth.apply(attemptHeaders) : 0
      onTheWire = true
      if (observer) emit({ type: 'request', attempt, ...eventHeaders(attemptHeaders) })
      init.headers = attemptHeaders
      init.signal = link.signal ?? null
      const response = await (auth && !init.redirect && typeof document === 'undefined'
        ? fetchFollowing(fetcher, url, init, headers, client)
        : fetcher(url, init))
      if (observer) {
        const now = Date.now()
        emit(
          {
            type: 'response',
            attempt,
            status: response.status,
            durationMs: now - attemptStart,
            ...eventHeaders(response.headers),
          },
          now,
        )
      }
      ctx.limiter?.observe(response)
      if (client.onResponse || options.onResponse) {
        try {
          const context = { request, attempt, signal: link.signal }
          await client.onResponse?.(response, context)
          await options.onResponse?.(response, context)
          if (response.bodyUsed) {
            throw new TypeError(
              'Ferry: onResponse read the response body; read `response.clone()` there instead.',
            )
          }
        } catch (thrown) {
          // The caller's hooks: what they throw (a Ferry error of a nested call too) rejects the call as it is.
          hookFailed = true
          response.body?.cancel().catch(() => undefined)
          throw thrown
        }
      }

      if (response.status === 401 && auth?.refresh && !refreshed) {
        refreshed = true
        // Not awaited: cancelling one branch of a teed body (a cloned response, msw) waits for the other.
        response.body?.cancel().catch(() => undefined)
        record('success')
        probe = false
        emit({ type: 'auth', attempt, action: 'refresh' })
        try {
          await auth.refresh(generation)
        } catch (cause) {
          emit({ type: 'auth', attempt, action: 'refresh-failed' })
          throw new HttpError({
            request,
            response,
            note: 'refreshing the credentials failed; sign in again',
            cause,
          })
        }
        link.dispose()
        continue
      }
      // 304 answers the caller's own conditional request (If-None-Match): no data, not a failure.
      if (!response.ok && response.status !== 304) {
        const { body, problem } = await readErrorBody(response, method)
        throw new HttpError({
          request,
          response,
          body,
          problem,
          retryAfterMs: responseRetryAfterMs(response),
          retryable: policy.statuses.includes(response.status),
        })
      }
      const data = raw ? response : await readBody(response, mode, method, request)
      onTheWire = false
      record('success')
      const settled = link
      if (raw) settled.stopTimer()
      else settled.dispose()
      const release = () => {
        settled.dispose()
        call.dispose()
      }
      // A body handed to the caller stays abortable; without a body (HEAD, 204) there is nothing to follow.
      // Only our own stream reader can tell when the body is done, so only it keeps following the caller's
      // signal: a Response handed out with `as: 'response'` is the caller's to read or cancel.
      if (mode !== 'stream' || !response.body) release()
      // finish() is an extra async hop: skipped when there is nothing to unwrap or validate.
      const unwrap = options.unwrap ?? client.unwrap
      return {
        data:
          !raw && (options.schema || unwrap)
            ? await finish(data, response, unwrap, options.schema, request)
            : data,
        response,
        request,
        release,
        failure: (thrown) => {
          const error = classify(thrown, attempt)
          emit({ type: 'error', attempt, kind: error.kind, durationMs: Date.now() - started })
          return error
        },
      }
    } catch (thrown) {
      link?.dispose()
      if (hookFailed || caller?.aborted || (!onTheWire && !isFerryError(thrown) && !call.timedOut)) {
        // A cancellation, or the caller's own code failing (a token getter, onResponse, unwrap, a schema): not
        // retried.
        breaker?.record('neutral', probe)
        call.dispose()
        throw caller?.aborted ? caller.reason : thrown
      }
      const error = classify(thrown, attempt, link, cutByTotal)
      const http = error instanceof HttpError
      const kind = error.kind
      // What never reached the server (an open circuit, a rate-limit pause, a total timeout while queued)
      // says nothing of its health; what fails after the body was read was counted as a success already.
      record(
        !onTheWire
          ? 'neutral'
          : kind === 'network' || kind === 'timeout' || (http && error.status >= 500)
            ? 'failure'
            : 'success',
      )
      error.attempts = attempt
      const reason: RetryReason | undefined = http
        ? policy.statuses.includes(error.status)
          ? 'status'
          : undefined
        : kind === 'network'
          ? 'network'
          : error instanceof TimeoutError && error.scope === 'attempt' && policy.retryOnTimeout
            ? 'timeout'
            : undefined
      const waitMs = http ? error.retryAfterMs : undefined
      const delayMs = waitMs ?? backoffDelay(retries, policy)
      const status = http ? { status: error.status } : {}
      const now = Date.now()
      if (
        !reason ||
        !mayRetry ||
        retries >= policy.limit ||
        (waitMs ?? 0) > policy.maxRetryAfter ||
        now + delayMs >= (deadline ?? Infinity)
      ) {
        call.dispose()
        emit({ type: 'error', attempt, kind, durationMs: now - started, ...status }, now)
        throw error
      }
      retries++
      const info = { attempt: attempt + 1, limit: policy.limit, delayMs, reason }
      emit({ type: 'retry', ...info, ...status }, now)
      try {
        options.onRetry?.({ ...info, error })
      } catch {
        // Like onEvent: a progress callback's bug must not break the request (nor leave its listeners behind).
      }
      try {
        await sleep(delayMs, call.signal)
      } catch (aborted) {
        call.dispose()
        throw caller?.aborted ? caller.reason : classify(aborted, attempt)
      }
    }
  }
}

/** The per-attempt timeout in ms (the request's, else the client's, else 10 s), `undefined` for none. */
export const attemptTimeoutOf = (options: AnyRequestOptions, client: ClientOptions): number | undefined =>
  pick(options.timeout, client.timeout, DEFAULT_TIMEOUT)

function pick(
  request: number | false | undefined,
  client: number | false | undefined,
  fallback: number | undefined,
) {
  const value = request ?? client ?? fallback
  return value === false ? undefined : value
}

/** Copies the fetch options Ferry passes through onto `init`. */
function pickInit(options: ClientOptions | AnyRequestOptions, init: RequestInit): void {
  if (options.cache) init.cache = options.cache
  if (options.mode) init.mode = options.mode
  if (options.redirect) init.redirect = options.redirect
  if (options.referrerPolicy) init.referrerPolicy = options.referrerPolicy
  if (options.keepalive !== undefined) init.keepalive = options.keepalive
}

/** Applies `unwrap` (its failure becomes an `ApiError`), then the schema. */
async function finish(
  data: unknown,
  response: Response,
  unwrap: ClientOptions['unwrap'],
  schema: StandardSchemaV1 | undefined,
  request: RequestDescriptor,
): Promise<unknown> {
  if (unwrap) {
    try {
      data = await unwrap(data, response)
    } catch (thrown) {
      if (isFerryError(thrown)) throw thrown
      const code = typeof thrown === 'object' && thrown !== null && 'code' in thrown ? thrown.code : undefined
      throw new ApiError({
        request,
        message: thrown instanceof Error ? thrown.message : String(thrown),
        body: data,
        cause: thrown,
        ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      })
    }
  }
  return schema ? validate(schema, data, request) : data
}

/** Runs a Standard Schema and returns its output, or throws a `ValidationError` with the issues. */
export async function validate(
  schema: StandardSchemaV1,
  value: unknown,
  request: RequestDescriptor,
): Promise<unknown> {
  const result = await schema['~standard'].validate(value)
  if (result.issues) throw new ValidationError({ request, issues: result.issues, value })
  return result.value
}
