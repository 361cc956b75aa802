// The public API of @ferry/client, listed name by name.

export { type Auth, apiKey, authMiddleware, basic, bearer, type Credentials } from './auth.js'
export {
  type BreakerOutcome,
  breakerOutcome,
  type CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  circuitBreaker,
} from './circuit-breaker.js'
export { createClient } from './client.js'
export type { Client, ExtendOptions, MethodCall } from './client-types.js'
export {
  type AnyFerryError,
  ApiError,
  CircuitOpenError,
  type ErrorKind,
  FerryError,
  HttpError,
  isAbortError,
  isApiError,
  isCircuitOpenError,
  isFerryError,
  isHttpError,
  isNetworkError,
  isParseError,
  isTimeoutError,
  isValidationError,
  NetworkError,
  ParseError,
  type ProblemDetails,
  type RequestDescriptor,
  TimeoutError,
  ValidationError,
} from './errors.js'
export type { EventInput, FerryEvent } from './events.js'
export { type HeadersOption, randomId } from './headers.js'
export {
  type AfterResponseState,
  type HookRequest,
  type Hooks,
  hooks,
  type RetryRequest,
} from './hooks.js'
export {
  type BeforeRetryState,
  compose,
  type FerryRequest,
  type Middleware,
  type Next,
} from './middleware.js'
export { type ObserveOptions, type Observer, observe } from './observe.js'
export type {
  ClientOptions,
  FetchInit,
  HttpMethod,
  Item,
  PathParams,
  QueryParams,
  QueryValue,
  RequestOptions,
  ResponseAs,
  ResultOf,
  ThrowHttpErrors,
} from './options.js'
export {
  byCursor,
  byLinkHeader,
  byMeta,
  type NextFn,
  type NextPage,
  type PaginateOptions,
  paginate,
  parseLinkHeader,
} from './paginate.js'
export { type Progress, type ProgressCallback, type ProgressOptions, progress } from './progress.js'
export { type PauseLimit, type RateLimiter, type RateLimitOptions, rateLimit } from './rate-limiter.js'
export { type HeaderView, redactedHeaders } from './redacted-headers.js'
export type { RetryInfo, RetryOptions, RetryReason, ShouldRetryState } from './retry.js'
export type { StandardSchemaV1 } from './standard-schema.js'
export { type StreamOptions, stream } from './stream.js'
export { type Envelope, envelope, type Unwrap } from './unwrap.js'
