import type { StandardSchemaV1 } from './standard-schema.js'

/** What every Ferry error says about the request that failed. `url` never holds credentials. */
export interface RequestDescriptor {
  readonly method: string
  /** The URL with `redactQuery` parameters masked (a URL with userinfo is refused before sending). */
  readonly url: string
  /** The `X-Request-ID` sent on every attempt of this logical request. */
  readonly requestId: string
}

/** The discriminant of every Ferry error: switch on it instead of chains of `instanceof`. */
export type ErrorKind = 'http' | 'network' | 'timeout' | 'parse' | 'validation' | 'api' | 'circuit-open'

/** An RFC 9457 problem document (`application/problem+json`). */
export interface ProblemDetails {
  readonly type?: string
  readonly title?: string
  readonly status?: number
  readonly detail?: string
  readonly instance?: string
  readonly [extension: string]: unknown
}

interface ErrorInit {
  readonly request: RequestDescriptor
  /** How many attempts were made before giving up (1 when none was retried). */
  readonly attempts?: number
  readonly retryable?: boolean
  readonly cause?: unknown
}

// A registered symbol, so guards recognise errors thrown by another copy of this package.
const BRAND = Symbol.for('ferry.error')

/**
 * The base of every error the client throws. Narrow with `error.kind` or the `is…Error` guards.
 *
 * @example
 * try { await api.get('/orders') } catch (error) {
 *   if (isFerryError(error)) console.warn(error.kind, error.request.requestId, error.message)
 * }
 */
export abstract class FerryError extends Error {
  abstract readonly kind: ErrorKind
  readonly [BRAND] = true
  declare readonly request: RequestDescriptor
  /** Attempts made, retries included. */
  declare attempts: number
  /** Whether the same request could succeed later (transient failure), regardless of the method. */
  declare readonly retryable: boolean

  /**
   * Every message starts with the method, the URL and the request id, then says `what` happened.
   * `retryable` is the default when `init` does not say.
   */
  constructor(what: string, init: ErrorInit, fields?: object, retryable = false) {
    const { request } = init
    // `init` doubles as the options bag: Error reads only its `cause`.
    super(
      `${request.method} ${request.url} (request ${request.requestId})${what}`,
      init.cause === undefined ? undefined : init,
    )
    // The fields in one statement rather than one assignment each; `fields` are the subclass's own.
    Object.assign(
      this,
      { request, attempts: init.attempts ?? 1, retryable: init.retryable ?? retryable },
      fields,
    )
  }
}

/**
 * The server answered with a status outside 200–299. The body was read safely (JSON or text, at most
 * 64 KB) and an `application/problem+json` body is parsed into `problem`.
 *
 * @example
 * if (isHttpError(error) && error.status === 404) showNotFound(error.problem?.detail)
 */
export class HttpError extends FerryError {
  readonly kind = 'http'
  override readonly name = 'HttpError'
  declare readonly status: number
  declare readonly statusText: string
  declare readonly headers: Headers
  /** The error body: parsed JSON, text, or `undefined` when there was none. */
  declare readonly body: unknown
  declare readonly problem: ProblemDetails | undefined
  /** From `Retry-After` or a rate-limit reset header: when the server says to come back. */
  declare readonly retryAfterMs: number | undefined

  constructor(
    init: ErrorInit & {
      readonly response: Response
      /** Absent when the body was not read. */
      readonly body?: unknown
      readonly problem?: ProblemDetails | undefined
      readonly retryAfterMs?: number | undefined
      /** What else went wrong, e.g. that refreshing the credentials failed. */
      readonly note?: string
    },
  ) {
    const { response, problem } = init
    const summary = init.note ?? line(problem?.detail) ?? line(problem?.title)
    // Some runtimes (old Safari, fetch polyfills) leave statusText undefined: it must not reach the message.
    const statusText = response.statusText || ''
    super(
      ` failed with ${response.status}${statusText && ` ${statusText}`}${summary ? `: ${summary}` : ''}${init.retryAfterMs === undefined ? '' : `; retry after ${Math.ceil(init.retryAfterMs / 1000)} s`}`,
      init,
      {
        status: response.status,
        statusText,
        headers: response.headers,
        body: init.body,
        problem,
        retryAfterMs: init.retryAfterMs,
      },
    )
  }
}

/**
 * A problem document's `detail` or `title` as a message's one line: a string, cut at 200 characters (servers
 * put stack traces there); anything else (an object, a number) is not a summary.
 */
const line = (value: unknown): string | undefined =>
  typeof value === 'string' ? (value.length > 200 ? `${value.slice(0, 200)}…` : value) : undefined

/**
 * The request never got a complete response: offline, DNS, refused or reset connection, CORS, or a body
 * cut off mid-way.
 */
export class NetworkError extends FerryError {
  readonly kind = 'network'
  override readonly name = 'NetworkError'
  constructor(init: ErrorInit) {
    super(
      ` failed before a complete response${init.cause instanceof Error ? `: ${init.cause.message}` : ''}; check the network, URL and CORS`,
      init,
      {},
      true,
    )
  }
}

/** A timeout fired: `scope: 'attempt'` for the per-attempt `timeout`, `'total'` for `totalTimeout`. */
export class TimeoutError extends FerryError {
  readonly kind = 'timeout'
  override readonly name = 'TimeoutError'
  declare readonly timeoutMs: number
  declare readonly scope: 'attempt' | 'total'
  constructor(init: ErrorInit & { readonly timeoutMs: number; readonly scope: 'attempt' | 'total' }) {
    super(
      ` timed out after ${init.timeoutMs} ms (${init.scope === 'attempt' ? 'timeout' : 'totalTimeout'}); raise it if the server needs longer`,
      init,
      { timeoutMs: init.timeoutMs, scope: init.scope },
      true,
    )
  }
}

/** The body could not be read as asked: invalid JSON, HTML where JSON was expected, a bad NDJSON line. */
export class ParseError extends FerryError {
  readonly kind = 'parse'
  override readonly name = 'ParseError'
  /** The first 1 KB of the raw text. */
  declare readonly text: string
  declare readonly contentType: string | null
  /** 1-based line number, for NDJSON streams. */
  declare readonly line: number | undefined
  constructor(
    init: ErrorInit & {
      readonly text: string
      readonly contentType: string | null
      readonly reason: string
      readonly line?: number | undefined
    },
  ) {
    super(
      `: ${init.reason}${init.line ? ` on line ${init.line}` : ''} (Content-Type: ${init.contentType ?? 'none'}): ${JSON.stringify(init.text.slice(0, 80))}`,
      init,
      { text: init.text.slice(0, 1024), contentType: init.contentType, line: init.line },
    )
  }
}

/** The body did not match the `schema`. `issues` are the schema library's, with their paths. */
export class ValidationError extends FerryError {
  readonly kind = 'validation'
  override readonly name = 'ValidationError'
  declare readonly issues: ReadonlyArray<StandardSchemaV1.Issue>
  declare readonly value: unknown
  constructor(
    init: ErrorInit & { readonly issues: ReadonlyArray<StandardSchemaV1.Issue>; readonly value: unknown },
  ) {
    const { issues } = init
    const shown = issues
      .slice(0, 3)
      .map(
        (issue) =>
          `${issue.path?.map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.') || '(root)'}: ${issue.message}`,
      )
    super(
      `: schema mismatch: ${shown.join('; ')}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}`,
      init,
      { issues, value: init.value },
    )
  }
}

/** `unwrap` found an error inside a successful response ("200 but the body says error"). */
export class ApiError extends FerryError {
  readonly kind = 'api'
  override readonly name = 'ApiError'
  declare readonly body: unknown
  declare readonly code: string | number | undefined
  /** The API's own words, without the request prefix of `message`: fit to show a user. */
  declare readonly detail: string
  constructor(
    init: ErrorInit & { readonly message: string; readonly body: unknown; readonly code?: string | number },
  ) {
    super(`: the API reported an error: ${init.message}`, init, {
      body: init.body,
      code: init.code,
      detail: init.message,
    })
  }
}

/** The circuit breaker is open: the request was not sent. Try again at `retryAt` (epoch ms). */
export class CircuitOpenError extends FerryError {
  readonly kind = 'circuit-open'
  override readonly name = 'CircuitOpenError'
  declare readonly retryAt: number
  constructor(init: ErrorInit & { readonly retryAt: number }) {
    super(
      ` was not sent: the circuit breaker is open; next probe at ${new Date(init.retryAt).toISOString()}`,
      init,
      { retryAt: init.retryAt },
      true,
    )
  }
}

/**
 * Every concrete Ferry error: `switch (error.kind)` on it narrows to the class with its fields.
 *
 * @example
 * function explain(error: AnyFerryError) {
 *   switch (error.kind) {
 *     case 'http': return `HTTP ${error.status}`
 *     case 'timeout': return `timed out after ${error.timeoutMs} ms`
 *     default: return error.message
 *   }
 * }
 */
export type AnyFerryError =
  | HttpError
  | NetworkError
  | TimeoutError
  | ParseError
  | ValidationError
  | ApiError
  | CircuitOpenError

type ErrorOfKind<K extends ErrorKind> = Extract<AnyFerryError, { kind: K }>

/** True for any error thrown by Ferry, from this or another copy of the package. */
export function isFerryError(error: unknown): error is FerryError {
  return typeof error === 'object' && error !== null && BRAND in error && error[BRAND] === true
}

const guard =
  <K extends ErrorKind>(kind: K) =>
  (error: unknown): error is ErrorOfKind<K> =>
    isFerryError(error) && error.kind === kind

/** @example if (isHttpError(error) && error.status === 401) logout() */
export const isHttpError = /* @__PURE__ */ guard('http')
/** @example if (isNetworkError(error)) showOfflineBanner() */
export const isNetworkError = /* @__PURE__ */ guard('network')
/** @example if (isTimeoutError(error)) console.warn(`gave up after ${error.timeoutMs} ms`) */
export const isTimeoutError = /* @__PURE__ */ guard('timeout')
/** @example if (isParseError(error)) report(error.text, error.contentType) */
export const isParseError = /* @__PURE__ */ guard('parse')
/** @example if (isValidationError(error)) console.table(error.issues) */
export const isValidationError = /* @__PURE__ */ guard('validation')
/** @example if (isApiError(error)) toast(error.message) */
export const isApiError = /* @__PURE__ */ guard('api')
/** @example if (isCircuitOpenError(error)) showBanner(error.retryAt) */
export const isCircuitOpenError = /* @__PURE__ */ guard('circuit-open')

/**
 * True when the caller aborted: Ferry rejects with the signal's reason unchanged, usually a
 * `DOMException` named `AbortError`. Such a rejection is a cancellation, not a failure to show.
 *
 * @example
 * catch (error) { if (isAbortError(error)) return; throw error }
 */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError'
}
