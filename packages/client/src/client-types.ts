import type { CircuitBreaker } from './circuit-breaker.js'
import type { ClientOptions, HttpMethod, RequestOptions, ResponseAs, ResultOf } from './options.js'
import type { NextFn } from './paginate.js'
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

/** Options of `stream`: a request whose body is read as NDJSON, one record at a time. */
export interface StreamOptions<S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'response'>, 'as'> {
  /** Default GET. */
  readonly method?: HttpMethod | (string & {})
}

/** Options of `paginate`: `next` says how to request the page after `page`, or that there is none. */
export interface PaginateOptions<Page, S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'auto'>, 'as'> {
  readonly next: NextFn<Page>
  /** Stops after this many pages, as a guard against a server that never says "last page". Default 1 000. */
  readonly maxPages?: number
}

export type Item<T, S extends StandardSchemaV1 | undefined> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : T

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
   * Reads an NDJSON body record by record, with flat memory. Breaking out of the loop cancels the download.
   * After the headers, `timeout` is the longest silence allowed between chunks (a `TimeoutError` beyond it).
   *
   * @example
   * for await (const order of api.stream('/orders/export', { schema: Order })) rows.push(order)
   */
  stream<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
    path: string,
    options?: StreamOptions<S>,
  ): AsyncGenerator<Item<T, S>, void, undefined>
  /**
   * Yields page after page until `next` returns nothing.
   *
   * @example
   * for await (const page of api.paginate<OrdersPage>('/orders', { next: byMeta() })) render(page.data)
   */
  paginate<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
    path: string,
    options: PaginateOptions<Item<T, S>, S>,
  ): AsyncGenerator<Item<T, S>, void, undefined>
  /**
   * A derived client: options merged over this one's (headers merged), sharing the circuit breaker and the
   * rate limiter unless given others or `false`.
   *
   * @example
   * const admin = api.extend({ headers: { 'X-Tenant': 'acme' } })
   */
  extend(options: ExtendOptions): Client
  /** The shared circuit breaker, for a UI banner: `api.circuit?.subscribe(setState)`. */
  readonly circuit: CircuitBreaker | undefined
  readonly limiter: RateLimiter | undefined
  /** The options this client was created with. */
  readonly options: ClientOptions
}
