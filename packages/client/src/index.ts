// The public API of @ferry/client, listed name by name.

export { type Auth, apiKey, basic, bearer } from './auth.js'
export {
  type CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitState,
  circuitBreaker,
} from './circuit-breaker.js'
export { createClient } from './client.js'
export type { Client, ExtendOptions, MethodCall, PaginateOptions, StreamOptions } from './client-types.js'
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
export type { FerryEvent } from './events.js'
export { type HeadersOption, randomId } from './headers.js'
export type {
  ClientOptions,
  HttpMethod,
  PathParams,
  QueryParams,
  QueryValue,
  RequestOptions,
  ResponseAs,
  ResponseContext,
  ResultOf,
  RetryInfo,
  RetryOptions,
  RetryReason,
} from './options.js'
export { byCursor, byLinkHeader, byMeta, type NextFn, type NextPage, parseLinkHeader } from './paginate.js'
export { type PauseLimit, type RateLimiter, type RateLimitOptions, rateLimit } from './rate-limiter.js'
export type { StandardSchemaV1 } from './standard-schema.js'
