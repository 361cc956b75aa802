import type { CircuitBreaker } from './circuit-breaker.js'
import type { EXECUTE, Executed, ReadMode } from './execute.js'
import type { ClientOptions, HttpMethod, RequestOptions, ResponseAs, ResultOf } from './options.js'
import type { RateLimiter } from './rate-limiter.js'
import type { StandardSchemaV1 } from './standard-schema.js'

/** A request method bound to its HTTP verb: `api.get('/orders', { query: { page: 2 } })`. */
export type MethodCall = <
  T = unknown,
  S extends StandardSchemaV1 | undefined = undefined,
  A extends ResponseAs = 'auto',
>(
  path: string,
  options?: RequestOptions<S, A>,
) => Promise<ResultOf<T, S, A>>

/** Options of `extend`: `false` detaches the child from the parent's breaker or limiter. */
export interface ExtendOptions extends Omit<ClientOptions, 'circuitBreaker' | 'rateLimit'> {
  readonly circuitBreaker?: CircuitBreaker | false
  readonly rateLimit?: RateLimiter | false
}

/**
 * A Ferry client. Every method resolves to the parsed data and rejects with a `FerryError`, or with the
 * signal's reason when the caller aborts.
 *
 * @example
 * const api = createClient({ baseUrl: '/api' })
 * const page = await api.get('/orders', { query: { page: 2 }, schema: OrdersPage })
 */
export interface Client {
  request<T = unknown, S extends StandardSchemaV1 | undefined = undefined, A extends ResponseAs = 'auto'>(
    method: HttpMethod | (string & {}),
    path: string,
    options?: RequestOptions<S, A>,
  ): Promise<ResultOf<T, S, A>>
  readonly get: MethodCall
  readonly post: MethodCall
  readonly put: MethodCall
  readonly patch: MethodCall
  readonly delete: MethodCall
  /** Resolves to the `Response` (status checked, no body): HEAD is asked for its headers. */
  head(path: string, options?: Omit<RequestOptions, 'as' | 'schema' | 'body'>): Promise<Response>
  /**
   * A derived client: options merged over this one's (headers merged), sharing the circuit breaker and the
   * rate limiter unless given others or `false`.
   *
   * @example
   * const admin = api.extend({ headers: { 'X-Tenant': 'acme' } })
   */
  extend(options: ExtendOptions): Client
  /** The client's circuit breaker (its `circuitBreaker` option), for a UI banner: `api.circuit?.subscribe(setState)`. */
  readonly circuit: CircuitBreaker | undefined
  readonly limiter: RateLimiter | undefined
  /** The options this client was created with. */
  readonly options: ClientOptions
  /**
   * The engine, for `stream()` and `paginate()`.
   * @internal
   */
  readonly [EXECUTE]: (
    method: string,
    path: string,
    options: RequestOptions<StandardSchemaV1 | undefined, ResponseAs>,
    mode: ReadMode,
  ) => Promise<Executed>
}
