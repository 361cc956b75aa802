import type {
  Client,
  ExtendOptions,
  Item,
  MethodCall,
  PaginateOptions,
  StreamOptions,
} from './client-types.js'
import { attemptTimeoutOf, type ClientContext, execute, validate } from './execute.js'
import { mergeHeaders } from './headers.js'
import type { ClientOptions, QueryParams, RequestOptions, ResponseAs, ResultOf } from './options.js'
import { resolveRetry } from './retry.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { readNdjson } from './stream.js'

type AnySchema = StandardSchemaV1 | undefined
type AnyOptions = RequestOptions<AnySchema, ResponseAs>

/**
 * Creates a client. Every option can be overridden per request.
 *
 * @example
 * const api = createClient({ baseUrl: '/api', retry: { limit: 2 }, auth: bearer({ token, refresh }) })
 * const order = await api.get('/orders/:id', { params: { id }, schema: Order, signal })
 */
export function createClient(options: ClientOptions = {}): Client {
  const ctx: ClientContext = {
    options,
    breaker: options.circuitBreaker,
    limiter: options.rateLimit,
    retry: resolveRetry(options.retry),
  }

  // Overloads give callers the inferred result type; the implementations return what was parsed.
  function request<T = unknown, S extends AnySchema = undefined, A extends ResponseAs = 'auto'>(
    method: string,
    path: string,
    init?: RequestOptions<S, A>,
  ): Promise<ResultOf<T, S, A>>
  function request(method: string, path: string, init: AnyOptions = {}): Promise<unknown> {
    return execute(ctx, method, path, init, init.as ?? 'auto').then(dataOf)
  }

  const bind =
    (method: string): MethodCall =>
    <T, S extends AnySchema, A extends ResponseAs>(path: string, init?: RequestOptions<S, A>) =>
      request<T, S, A>(method, path, init)

  function stream<T = unknown, S extends AnySchema = undefined>(
    path: string,
    init?: StreamOptions<S>,
  ): AsyncGenerator<Item<T, S>, void, undefined>
  async function* stream(
    path: string,
    init: StreamOptions<AnySchema> = {},
  ): AsyncGenerator<unknown, void, undefined> {
    const done = await execute(ctx, init.method ?? 'GET', path, { ...init, schema: undefined }, 'stream')
    const schema = init.schema
    const check = schema ? (value: unknown) => validate(schema, value, done.request) : undefined
    try {
      // After the headers, `timeout` is the longest silence between chunks: an export may run for minutes.
      yield* readNdjson(done.response, done.request, check, attemptTimeoutOf(init, options))
    } catch (thrown) {
      if (init.signal?.aborted) throw init.signal.reason
      throw done.failure(thrown)
    } finally {
      done.release()
    }
  }

  function paginate<T = unknown, S extends AnySchema = undefined>(
    path: string,
    init: PaginateOptions<Item<T, S>, S>,
  ): AsyncGenerator<Item<T, S>, void, undefined>
  async function* paginate(
    path: string,
    { next, maxPages = 1000, ...init }: PaginateOptions<unknown, AnySchema>,
  ): AsyncGenerator<unknown, void, undefined> {
    let current: AnyOptions = init
    for (let page = 0; page < maxPages; page++) {
      const done = await execute(ctx, 'GET', path, current, 'auto')
      yield done.data
      const step = next(done.data, done.response, { query: current.query })
      if (!step) return
      if ('url' in step) {
        path = step.url
        current = { ...current, query: undefined, params: undefined }
      } else {
        current = {
          ...current,
          query: step.query ? { ...plain(current.query), ...plain(step.query) } : current.query,
          params: step.params ? { ...current.params, ...step.params } : current.params,
        }
      }
    }
  }

  return {
    request,
    get: bind('GET'),
    post: bind('POST'),
    put: bind('PUT'),
    patch: bind('PATCH'),
    delete: bind('DELETE'),
    head: async (path, init = {}) => (await execute(ctx, 'HEAD', path, init, 'response')).response,
    stream,
    paginate,
    extend: ({ circuitBreaker, rateLimit, ...child }: ExtendOptions) =>
      createClient({
        ...options,
        ...child,
        headers: mergeHeaders(options.headers, child.headers),
        circuitBreaker: circuitBreaker === false ? undefined : (circuitBreaker ?? options.circuitBreaker),
        rateLimit: rateLimit === false ? undefined : (rateLimit ?? options.rateLimit),
      }),
    circuit: ctx.breaker,
    limiter: ctx.limiter,
    options,
  }
}

function plain(query: QueryParams | undefined) {
  return query instanceof URLSearchParams ? Object.fromEntries(query) : query
}

const dataOf = (done: { readonly data: unknown }) => done.data
