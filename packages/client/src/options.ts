import type { CircuitBreaker } from './circuit-breaker.js'
import type { HeadersOption } from './headers.js'
import type { Middleware } from './middleware.js'
import type { Observer } from './observe.js'
import type { RateLimiter } from './rate-limiter.js'
import type { RetryInfo, RetryOptions } from './retry.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import type { Envelope } from './unwrap.js'

/** HTTP methods; any other token is accepted as written. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS'

/**
 * How to read a successful body. `'auto'` (the default) goes by Content-Type: JSON for `application/json`
 * and `+json`, text for `text/*`, XML and a missing type, `FormData` for multipart and urlencoded,
 * `Blob` otherwise. `'response'` returns the `Response` with its status checked and its body unread.
 */
export type ResponseAs = 'auto' | 'json' | 'text' | 'blob' | 'arrayBuffer' | 'formData' | 'response'

/** A query value: arrays are repeated (`a=1&a=2`), `undefined` and `null` are dropped, dates become ISO strings. */
export type QueryValue = string | number | boolean | bigint | Date | null | undefined
export type QueryParams = Readonly<Record<string, QueryValue | ReadonlyArray<QueryValue>>> | URLSearchParams

/** Values for `:name` segments of a path; each is percent-encoded into exactly one segment. */
export type PathParams = Readonly<Record<string, string | number>>

/**
 * What `fetch` gets besides the body, headers, method and signal: `cache`, `mode`, `credentials`, `redirect`,
 * `priority`, `integrity`, `referrer`, `keepalive`… and runtime-specific keys (Node's `dispatcher`, Next.js's
 * `next`) wherever the global `RequestInit` type is augmented. Passed to `fetch` untouched, except that a
 * request to an origin that may not receive credentials is sent with `credentials: 'same-origin'`.
 *
 * @example
 * const api = createClient({ baseUrl: '/api', init: { credentials: 'include', cache: 'no-store' } })
 */
export type FetchInit = Omit<RequestInit, 'body' | 'headers' | 'method' | 'signal' | 'window'>

/** Whether a non-2xx status is an error: `false` (or a function returning `false` for it) makes it data. */
export type ThrowHttpErrors = boolean | ((status: number) => boolean)

/** Options shared by the client and each request; a request's value wins over the client's. */
interface SharedOptions {
  /**
   * Headers for every request; a request's (and an `extend`ed client's) are merged on top, names compared
   * case-insensitively. A header set to `undefined` in a plain object is removed, inherited ones too.
   *
   * @example
   * await api.get('/public', { headers: { Authorization: undefined, 'X-Tenant': 'acme' } })
   */
  readonly headers?: HeadersOption
  /**
   * Per-attempt timeout in ms, from sending to the end of the body (in `stream()`, after the headers: the
   * longest silence between chunks). Default 10 000. `false` or `Infinity`: none; `0`: fail at once with a
   * `TimeoutError` without sending; any larger value is honoured, even past 2^31−1 ms. The client races its
   * own timer, so a `fetch` that ignores its signal cannot make an attempt outlive it. Each request put on the
   * wire gets the whole `timeout`: a replay after a 401 refresh and each redirect hop the auth step follows
   * start a fresh window (`totalTimeout` bounds them all).
   */
  readonly timeout?: number | false
  /**
   * Timeout for the whole call, retries, sleeps, rate-limit waits, `unwrap` and `schema` included. Default
   * none. Same values as `timeout`.
   */
  readonly totalTimeout?: number | false
  /** Middleware around each attempt, the first outermost; the request's run inside the client's. */
  readonly use?: ReadonlyArray<Middleware>
  /** Retry policy, a retry limit, or `false` for a single attempt. */
  readonly retry?: RetryOptions | number | false | undefined
  /**
   * Turns "200 but the body says error" envelopes into data or an error: an `envelope(fn)` step, where `fn`
   * returns the data or throws (a thrown value that is not a Ferry error becomes an `ApiError`). `false`
   * turns the client's off for one request.
   *
   * @example
   * const api = createClient({ baseUrl: '/api', unwrap: envelope((body) => readEnvelope(body)) })
   */
  readonly unwrap?: Envelope | false
  /**
   * Whether a non-2xx status rejects with an `HttpError` (default `true`). With `false`, or a function that
   * returns `false` for the status, the response is data: its body is read by `as` as a 2xx's would be (a 404
   * without a body gives `undefined`), `unwrap` and `schema` run, and that status is never retried.
   *
   * @example
   * const order = await api.get('/orders/:id', { params: { id }, throwHttpErrors: (status) => status !== 404 })
   */
  readonly throwHttpErrors?: ThrowHttpErrors | undefined
  /**
   * Parses JSON text: response bodies read as JSON, error bodies and problem documents, NDJSON lines.
   * Default `JSON.parse`. What it throws becomes a `ParseError` (its `cause`).
   *
   * @example
   * createClient({ parseJson: (text) => JSON.parse(text, reviveDates) })
   */
  readonly parseJson?: ((text: string) => unknown) | undefined
  /**
   * Serialises a plain object or array request body. Default `JSON.stringify`.
   *
   * @example
   * createClient({ stringifyJson: (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}` : v)) })
   */
  readonly stringifyJson?: ((value: unknown) => string) | undefined
  /** Query parameters; the client's and the request's are merged key by key, a request's `undefined` removes one. */
  readonly query?: QueryParams | undefined
  /** Options passed to `fetch` untouched; the client's and the request's are merged shallowly (request wins). */
  readonly init?: FetchInit | undefined
}

/**
 * Options of `createClient`.
 *
 * @example
 * const api = createClient({ baseUrl: '/api', timeout: 10_000, retry: { limit: 2 }, auth: bearer({ token }) })
 */
export interface ClientOptions extends SharedOptions {
  /** Prefix of every relative path: `'/api'` or `'https://api.example.com/v1'`. */
  readonly baseUrl?: string
  /** The fetch to use (a mock, a polyfill, an instrumented one). Default `globalThis.fetch`, read per call. */
  readonly fetch?: typeof globalThis.fetch
  /** Credentials for each attempt to a trusted origin: `bearer()`, `basic()`, `apiKey()` or `authMiddleware()`. */
  readonly auth?: Middleware | undefined
  /**
   * Origins, besides `baseUrl`'s and the page's, that may receive credentials (auth headers, cookies).
   * An absolute URL on any other origin is sent without them.
   */
  readonly allowedOrigins?: ReadonlyArray<string>
  /**
   * Observability: an `observe(onEvent)` step, told every event of every call (`FerryEvent`). A client
   * without it builds no event and carries none of the code.
   *
   * @example
   * createClient({ events: observe((event) => log(event), { includeHeaders: redactedHeaders(['X-Session']) }) })
   */
  readonly events?: Observer | undefined
  /** Query parameters whose values are masked in events and error messages. */
  readonly redactQuery?: ReadonlyArray<string>
  /** A `circuitBreaker()` shared by every request of this client and its `extend`ed children. */
  readonly circuitBreaker?: CircuitBreaker | undefined
  /** A `rateLimit()` shared by every request of this client and its `extend`ed children. */
  readonly rateLimit?: RateLimiter | undefined
}

/**
 * Options of one request.
 *
 * @example
 * await api.get('/orders/:id', { params: { id }, query: { expand: ['items'] }, schema: Order, signal })
 */
export interface RequestOptions<
  S extends StandardSchemaV1 | undefined = undefined,
  A extends ResponseAs = ResponseAs,
> extends SharedOptions {
  readonly params?: PathParams | undefined
  /**
   * A plain object or array is sent as JSON; `FormData`, `URLSearchParams`, `Blob`, `ArrayBuffer`, typed
   * arrays, strings and streams as they are.
   */
  readonly body?: unknown
  readonly as?: A
  /** A Standard Schema (zod 4, valibot, arktype…): the data is validated and typed by it. */
  readonly schema?: S
  /** Aborting rejects with the signal's reason, unchanged, and is never retried. */
  readonly signal?: AbortSignal | null | undefined
  /** `true` generates one key for this call, sent on every attempt; a string is used as given. */
  readonly idempotencyKey?: boolean | string
  /** Called before each retry sleep: how a UI shows "retrying in 3 s (2 of 3)". */
  readonly onRetry?: (info: RetryInfo) => void
}

/** The data type a request resolves to: the schema's output, else what `as` implies, else `T`. */
export type ResultOf<
  T,
  S extends StandardSchemaV1 | undefined,
  A extends ResponseAs,
> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : A extends 'text'
    ? string
    : A extends 'blob'
      ? Blob
      : A extends 'arrayBuffer'
        ? ArrayBuffer
        : A extends 'formData'
          ? FormData
          : A extends 'response'
            ? Response
            : T

/** What one record (`stream`) or one page (`paginate`) is: the schema's output, else `T`. */
export type Item<T, S extends StandardSchemaV1 | undefined> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : T
