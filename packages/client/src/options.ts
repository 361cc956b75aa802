import type { CircuitBreaker } from './circuit-breaker.js'
import type { FerryEvent } from './events.js'
import type { HeadersOption } from './headers.js'
import type { Middleware } from './middleware.js'
import type { RateLimiter } from './rate-limiter.js'
import type { HeaderView } from './redacted-headers.js'
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
 * What `fetch` gets besides the URL, method, headers, body and signal (Ferry sets those): `cache`, `mode`,
 * `credentials`, `redirect`, `referrer`, `referrerPolicy`, `integrity`, `keepalive`, `priority`, and any key a
 * runtime adds to the global `RequestInit` (Node's `dispatcher`, Next.js's `next`), passed through untouched.
 *
 * @example
 * const init: FetchInit = { cache: 'no-store', priority: 'high' }
 */
export type FetchInit = Omit<RequestInit, 'body' | 'headers' | 'method' | 'signal' | 'window'>

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
   * own timer, so a `fetch` that ignores its signal cannot make an attempt outlive it.
   */
  readonly timeout?: number | false
  /**
   * Timeout for the whole call, retries, sleeps, rate-limit waits, `unwrap` and `schema` included. Default
   * none. Same values as `timeout`.
   */
  readonly totalTimeout?: number | false
  /** Middleware around each attempt, the first outermost; the request's run inside the client's. */
  readonly use?: ReadonlyArray<Middleware> | undefined
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
   * Options passed to `fetch` as they are, the request's merged over the client's key by key. A request to an
   * origin that may not receive credentials (`allowedOrigins`) is sent with `credentials: 'same-origin'`
   * whatever this says.
   *
   * @example
   * await api.get('/feed', { init: { cache: 'no-store', priority: 'low' } })
   */
  readonly init?: FetchInit | undefined
  /**
   * Query parameters: the client's are merged with the request's name by name (the request's win; a request
   * value of `undefined` removes the client's).
   *
   * @example
   * const api = createClient({ baseUrl: '/api', query: { v: '2' } })
   */
  readonly query?: QueryParams | undefined
  /**
   * Whether a non-2xx status is an error. `false`, or a function returning `false` for the status, reads the
   * body like a success's (a 404 without a body gives `undefined`), runs `unwrap` and `schema`, and never
   * retries it. Default `true`.
   *
   * @example
   * const order = await api.get('/orders/:id', { params: { id }, throwHttpErrors: (status) => status !== 404 })
   */
  readonly throwHttpErrors?: boolean | ((status: number) => boolean) | undefined
  /**
   * Parses every JSON text: bodies (`as: 'auto'` and `'json'`), error bodies and `stream()` lines. What it
   * throws becomes a `ParseError`. Default `JSON.parse`.
   *
   * @example
   * const api = createClient({ parseJson: (text) => JSON.parse(text, (_, value, { source }) => reviveBig(value, source)) })
   */
  readonly parseJson?: ((text: string) => unknown) | undefined
  /**
   * Serialises plain object and array request bodies. Default `JSON.stringify`.
   *
   * @example
   * const api = createClient({ stringifyJson: (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v)) })
   */
  readonly stringifyJson?: ((value: unknown) => string) | undefined
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
  /** Observability: called synchronously for every event; an exception it throws is swallowed. */
  readonly onEvent?: (event: FerryEvent) => void
  /**
   * Puts request and response headers in events, as this view shows them: `redactedHeaders()` (secrets
   * masked, more names if you list them). Default: no headers in events.
   *
   * @example
   * createClient({ onEvent: (event) => log(event), includeHeaders: redactedHeaders(['X-Session']) })
   */
  readonly includeHeaders?: HeaderView | undefined
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
