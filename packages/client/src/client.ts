import { clientContext } from './client-context.js'
import type { Client, ExtendOptions, MethodCall } from './client-types.js'
import { EXECUTE, execute, type ReadMode } from './execute.js'
import { mergeHeaders } from './headers.js'
import type { ClientOptions, RequestOptions, ResponseAs, ResultOf } from './options.js'
import { mergeRetry } from './retry.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { mergeQuery } from './url.js'

type AnySchema = StandardSchemaV1 | undefined
type AnyOptions = RequestOptions<AnySchema, ResponseAs>

/**
 * Creates a client. Every option can be overridden per request. A bad `timeout`, `totalTimeout` or `retry`
 * value throws a `TypeError` here, not on the first request.
 *
 * @example
 * const api = createClient({ baseUrl: '/api', retry: { limit: 2 }, auth: bearer({ token, refresh }) })
 * const order = await api.get('/orders/:id', { params: { id }, schema: Order, signal })
 */
export function createClient(options: ClientOptions = {}): Client {
  const ctx = clientContext(options)
  const run = (method: string, path: string, init: AnyOptions, mode: ReadMode) =>
    execute(ctx, method, path, init, mode)

  // Overloads give callers the inferred result type; the implementations return what was parsed.
  function request<T = unknown, S extends AnySchema = undefined, A extends ResponseAs = 'auto'>(
    method: string,
    path: string,
    init?: RequestOptions<S, A>,
  ): Promise<ResultOf<T, S, A>>
  function request(method: string, path: string, init: AnyOptions = {}): Promise<unknown> {
    return run(method, path, init, init.as ?? 'auto').then(dataOf)
  }

  const bind =
    (method: string): MethodCall =>
    <T, S extends AnySchema, A extends ResponseAs>(path: string, init?: RequestOptions<S, A>) =>
      request<T, S, A>(method, path, init)

  return {
    request,
    get: bind('GET'),
    post: bind('POST'),
    put: bind('PUT'),
    patch: bind('PATCH'),
    delete: bind('DELETE'),
    head: async (path, init = {}) => (await run('HEAD', path, init, 'response')).response,
    extend: ({ circuitBreaker, rateLimit, ...child }: ExtendOptions) =>
      createClient({
        ...options,
        ...child,
        headers: mergeHeaders(options.headers, child.headers),
        query: mergeQuery(options.query, child.query),
        retry: mergeRetry(options.retry, child.retry),
        init: options.init && child.init ? { ...options.init, ...child.init } : (child.init ?? options.init),
        // The child's middleware runs inside the parent's.
        use: options.use && child.use ? [...options.use, ...child.use] : (child.use ?? options.use),
        circuitBreaker: circuitBreaker === false ? undefined : (circuitBreaker ?? options.circuitBreaker),
        rateLimit: rateLimit === false ? undefined : (rateLimit ?? options.rateLimit),
      }),
    circuit: options.circuitBreaker,
    limiter: options.rateLimit,
    options,
    [EXECUTE]: run,
  }
}

const dataOf = (done: { readonly data: unknown }) => done.data
