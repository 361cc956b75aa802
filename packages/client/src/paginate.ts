import type { Client } from './client-types.js'
import { EXECUTE } from './execute.js'
import type { Item, PathParams, QueryParams, RequestOptions, ResponseAs } from './options.js'
import type { StandardSchemaV1 } from './standard-schema.js'

/** What the next page request changes: `query`/`params` merged over the previous request's, or a full `url`. */
export type NextPage =
  | { readonly query?: QueryParams; readonly params?: PathParams }
  | { readonly url: string }

/**
 * Says how to request the page after `page`, or that there is none (`undefined`, `null` or `false`).
 *
 * @example
 * const next: NextFn<OrdersPage> = (page) => page.meta.hasNextPage && { query: { page: page.meta.page + 1 } }
 */
export type NextFn<Page> = (
  page: Page,
  response: Response,
  current: { query: QueryParams | undefined },
) => NextPage | undefined | null | false

/** Options of `paginate`: `next` says how to request the page after `page`, or that there is none. */
export interface PaginateOptions<Page, S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'auto'>, 'as'> {
  readonly next: NextFn<Page>
  /** Stops after this many pages, as a guard against a server that never says "last page". Default 1 000. */
  readonly maxPages?: number
}

/**
 * Yields page after page of GET requests through `api` until `next` returns nothing (or `maxPages`).
 *
 * @example
 * for await (const page of paginate<OrdersPage>(api, '/orders', { next: byMeta() })) render(page.data)
 */
export function paginate<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
  api: Client,
  path: string,
  options: PaginateOptions<Item<T, S>, S>,
): AsyncGenerator<Item<T, S>, void, undefined>
export async function* paginate(
  api: Client,
  path: string,
  { next, maxPages = 1000, ...init }: PaginateOptions<unknown, StandardSchemaV1 | undefined>,
): AsyncGenerator<unknown, void, undefined> {
  let current: RequestOptions<StandardSchemaV1 | undefined, ResponseAs> = init
  for (let page = 0; page < maxPages; page++) {
    const done = await api[EXECUTE]('GET', path, current, 'auto')
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

function plain(query: QueryParams | undefined) {
  return query instanceof URLSearchParams ? Object.fromEntries(query) : query
}

const get = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && key in value ? Reflect.get(value, key) : undefined

const read = (query: QueryParams | undefined, key: string): unknown =>
  query instanceof URLSearchParams ? query.get(key) : query?.[key]

/**
 * Page numbers from `meta`: while `body.meta.hasNextPage` is `true`, asks for
 * `(body.meta.page ?? the current page ?? 1) + 1` in the `pageParam` query parameter (default `'page'`).
 *
 * @example
 * for await (const page of paginate(api, '/orders', { next: byMeta() })) render(page.data)
 */
export function byMeta({ pageParam = 'page' }: { pageParam?: string } = {}): NextFn<unknown> {
  return (page, _response, current) => {
    const meta = get(page, 'meta')
    const n = Number(get(meta, 'page') ?? read(current.query, pageParam) ?? 1)
    return get(meta, 'hasNextPage') === true && Number.isFinite(n) && { query: { [pageParam]: n + 1 } }
  }
}

/**
 * Cursors: sends `body[field]` (or `body.meta[field]`; default `'nextCursor'`) as the `param` query
 * parameter (default `'cursor'`). Stops when the cursor is missing, empty, or the one just sent.
 *
 * @example
 * for await (const page of paginate(api, '/feed', { next: byCursor({ field: 'next', param: 'after' }) })) {}
 */
export function byCursor({
  field = 'nextCursor',
  param = 'cursor',
}: {
  field?: string
  param?: string
} = {}): NextFn<unknown> {
  return (page, _response, current) => {
    const cursor = get(page, field) ?? get(get(page, 'meta'), field)
    return (
      (typeof cursor === 'string' || typeof cursor === 'number') &&
      cursor !== '' &&
      String(cursor) !== String(read(current.query, param)) && { query: { [param]: cursor } }
    )
  }
}

/**
 * The `Link: <…>; rel="next"` response header (GitHub style), resolved against `response.url`.
 * Stops when there is none, or when it points at the page just fetched.
 *
 * @example
 * for await (const issues of paginate(api, 'https://api.github.com/repos/o/r/issues', { next: byLinkHeader() })) {}
 */
export function byLinkHeader(): NextFn<unknown> {
  return (_page, response) => {
    const next = parseLinkHeader(response.headers.get('link')).next
    const url = next && response.url ? new URL(next, response.url).href : next
    return url !== undefined && url !== response.url && { url }
  }
}

/**
 * Parses an RFC 8288 `Link` header into relation type → URL (as written, not resolved). Relation types are
 * lowercased; `rel="next last"` gives both; the first link of a relation wins; commas inside `<…>` and in
 * quoted parameters are safe.
 *
 * @example
 * parseLinkHeader('<https://x.test/?page=3>; rel="next", <https://x.test/?page=9>; rel=last')
 * // { next: 'https://x.test/?page=3', last: 'https://x.test/?page=9' }
 */
export function parseLinkHeader(value: string | null): Record<string, string> {
  const links: Record<string, string> = {}
  // <uri> then its parameters: quoted strings (which may hold '<' or ',') or any other character up to the next '<'.
  for (const [, uri = '', params = ''] of (value ?? '').matchAll(
    /<([^>]*)>((?:"(?:[^"\\]|\\.)*"|[^"<])*)/g,
  )) {
    for (const [, name = '', quoted, token] of params.matchAll(
      /;\s*([^\s=;,]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;,]*)))?/g,
    )) {
      if (name.toLowerCase() !== 'rel') continue
      for (const rel of (quoted ?? token ?? '').toLowerCase().split(/\s+/)) {
        if (rel && !Object.hasOwn(links, rel)) links[rel] = uri.trim()
      }
      break // only the first rel parameter counts (RFC 8288 §3.3)
    }
  }
  return links
}
