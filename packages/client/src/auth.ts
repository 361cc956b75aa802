import { cancelBody } from './body-read.js'
import { HttpError } from './errors.js'
import type { Middleware } from './middleware.js'
import { followRedirects, isStream } from './redirect.js'
import { LinkedSignal } from './signals.js'
import { singleFlight } from './single-flight.js'

/**
 * Where an attempt's credentials come from: what `authMiddleware` turns into an `auth` step.
 *
 * @example
 * const tenant: Credentials = {
 *   apply(headers) {
 *     headers.set('X-Tenant-Token', tenantToken())
 *     return 0
 *   },
 * }
 */
export interface Credentials {
  /**
   * Sets the credential headers of one attempt. Returns the credential generation it used: a number that
   * increases on every successful refresh (always 0 for credentials that never refresh).
   */
  apply(headers: Headers): number | Promise<number>
  /**
   * Present when a 401 can be fixed: refreshes once for all concurrent callers (single-flight). If the
   * generation already moved past `usedGeneration` (another request refreshed meanwhile) it resolves at once
   * without refreshing. Rejects when the user's refresh rejects (all waiters get that rejection); a later
   * call tries again. `signal` (the attempt's `request.signal` and its `timeout`) bounds this caller's wait: when it aborts the
   * call rejects with its reason at once, and a refresh every waiter has left is abandoned.
   */
  refresh?(usedGeneration: number, signal?: AbortSignal): Promise<void>
}

/**
 * An `auth` step: a middleware that is also its credentials (`apply`, `refresh`), and knows which headers
 * they set, so that `redactedHeaders()` masks them in events whatever they are called.
 */
export type Auth = Middleware &
  Credentials & {
    /** The lower-case names of the headers `apply` has set so far (for the events' masking). */
    readonly secretHeaders: ReadonlySet<string>
  }

/**
 * The `auth` step for any credentials. On a trusted origin (never another one) it applies them to each
 * attempt, follows redirects by hand outside browsers so that they never reach another origin, and with
 * `refresh` answers a 401 by refreshing once (single-flight, shared by concurrent requests) and replaying.
 *
 * @example
 * const api = createClient({ baseUrl: '/api', auth: authMiddleware(tenant) })
 */
export function authMiddleware(credentials: Credentials): Auth {
  const secretHeaders = new Set<string>()
  const step: Middleware = async (request, next) => {
    if (!request.trusted) return next(request)
    for (let replayed = false; ; replayed = true) {
      const headers = new Headers(request.headers)
      const generation = await credentials.apply(headers)
      // What `apply` set is a credential, whatever its name: the events' header view masks it.
      headers.forEach((value, name) => {
        if (request.headers.get(name) !== value) secretHeaders.add(name)
      })
      const response = await followRedirects({ ...request, headers }, next, request.headers)
      // A stream body was consumed by the first send: the 401 is the answer (replaying would send nothing).
      if (response.status !== 401 || !credentials.refresh || replayed || isStream(request)) return response
      // Not awaited: cancelling one branch of a teed body (a cloned response, msw) waits for the other.
      cancelBody(response)
      const { attempt } = request
      request.emit({ type: 'auth', attempt, action: 'refresh' })
      // Bounded by the request's signal (the caller's abort, `totalTimeout`) and by the attempt's `timeout`: a
      // refresh that never settles must not hold the request, nor every later 401 queued behind it.
      const window = new LinkedSignal(request.signal, request.timeout)
      try {
        await credentials.refresh(generation, window.signal)
      } catch (cause) {
        if (request.signal?.aborted) throw cause
        request.emit({ type: 'auth', attempt, action: 'refresh-failed' })
        // The API's answer stays the 401 (a 4xx: no retry, nothing for a circuit breaker to hold against a
        // healthy API); the note says what kept it from being replayed.
        throw new HttpError({
          request: request.request,
          response,
          note: window.timedOut
            ? `refreshing the credentials took longer than the attempt's timeout (${request.timeout} ms)`
            : 'refreshing the credentials failed; sign in again',
          cause,
        })
      } finally {
        window.dispose()
      }
    }
  }
  return Object.assign(step, credentials, { secretHeaders })
}

type Secret = string | null | undefined
type SecretSource = Secret | (() => Secret | Promise<Secret>)

/** Sets `name` to `prefix + value`, reading a function source now; no header for an empty value. */
async function put(headers: Headers, name: string, source: SecretSource, prefix = ''): Promise<void> {
  const value = typeof source === 'function' ? await source() : source
  if (value) headers.set(name, prefix + value)
}

/**
 * `Authorization: Bearer <token>`. `token` may be a function (sync or async), read on every attempt; a
 * `null`, `undefined` or empty token sends no Authorization header. With `refresh`, a 401 triggers one
 * refresh shared by every request in flight, then a replay; a string it returns becomes the token from
 * then on (return nothing when `token` is a function that will read the new value itself). `refresh` gets a
 * `signal` that aborts when every request waiting for it has gone (aborted by its caller, past its
 * `totalTimeout`, or past the attempt's `timeout`): pass it to the token request. Such a refresh is abandoned and the next 401 starts anew.
 *
 * @example
 * const auth = bearer({
 *   token: () => session.accessToken,
 *   refresh: async ({ signal }) => { session = await renewSession(session.refreshToken, signal) },
 * })
 * const api = createClient({ baseUrl: '/api', auth })
 */
export function bearer(options: {
  token: string | (() => string | null | undefined | Promise<string | null | undefined>)
  // biome-ignore lint/suspicious/noConfusingVoidType: lets `async () => { … }` (Promise<void>) be a refresh
  refresh?: (context: { readonly signal: AbortSignal }) => Promise<string | undefined | void>
}): Auth {
  let token: SecretSource = options.token
  let generation = 0
  const userRefresh = options.refresh
  const auth: Credentials = {
    async apply(headers) {
      // Read before the token: if a refresh lands meanwhile, a 401 replays instead of refreshing twice.
      const used = generation
      await put(headers, 'Authorization', token, 'Bearer ')
      return used
    },
  }
  if (userRefresh) {
    const shared = singleFlight(async (signal) => {
      const next = await userRefresh({ signal })
      // An abandoned refresh that answers late changes nothing: a newer one may be under way.
      if (signal.aborted) return
      if (typeof next === 'string') token = next
      generation++
    })
    auth.refresh = (usedGeneration, signal) =>
      usedGeneration < generation ? Promise.resolve() : shared(signal)
  }
  return authMiddleware(auth)
}

/**
 * `Authorization: Basic …` (RFC 7617) with the credentials UTF-8 encoded, so non-ASCII names and
 * passwords work.
 *
 * @example
 * const api = createClient({ baseUrl: '/api', auth: basic({ username: 'jürgen', password: 'пароль' }) })
 */
export function basic(options: { username: string; password: string }): Auth {
  const bytes = new TextEncoder().encode(`${options.username}:${options.password}`)
  const value = `Basic ${btoa(String.fromCharCode(...bytes))}`
  return authMiddleware({
    apply(headers) {
      headers.set('Authorization', value)
      return 0
    },
  })
}

/**
 * An API key in a header (`X-API-Key` unless `header` names another). `value` may be a function (sync or
 * async), read on every attempt; an empty value sends no header.
 *
 * @example
 * const api = createClient({ baseUrl: '/api', auth: apiKey({ header: 'X-Api-Token', value: () => store.key }) })
 */
export function apiKey(options: { header?: string; value: string | (() => string | Promise<string>) }): Auth {
  const { header = 'X-API-Key', value } = options
  return authMiddleware({
    async apply(headers) {
      await put(headers, header, value)
      return 0
    },
  })
}
