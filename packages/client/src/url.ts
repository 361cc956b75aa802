import type { PathParams, QueryParams, QueryValue } from './options.js'

/**
 * Builds a request URL: `baseUrl` + `path` with exactly one `/` between them (a `path` with a scheme, like
 * `https://…`, is used as is); each `:name` segment is filled from `params` and percent-encoded, so a value
 * stays one segment; `query` is appended to any query already in `path` (arrays repeated, `undefined` and
 * `null` dropped, dates as ISO strings), before a `#fragment` if there is one (fetch never sends the
 * fragment; it stays in the URL where it belongs). The result stays relative when `baseUrl` is.
 *
 * @throws TypeError for a missing param, or a value of `''`, `'.'` or `'..'` (it would change the path).
 * @example
 * buildUrl('/api', '/orders/:id', { id: 'a/b' }, { expand: ['items', 'customer'] })
 * // '/api/orders/a%2Fb?expand=items&expand=customer'
 */
export function buildUrl(
  baseUrl: string | undefined,
  path: string,
  params?: PathParams,
  query?: QueryParams,
): string {
  let url = path.replace(/(^|\/):([A-Za-z_]\w*)/g, (_, slash: string, name: string) => {
    const value = params?.[name]
    if (value === undefined) throw new TypeError(`Missing path param "${name}" for "${path}".`)
    const segment = String(value)
    if (segment === '' || segment === '.' || segment === '..') {
      throw new TypeError(`Path param "${name}" cannot be ${JSON.stringify(segment)}.`)
    }
    return slash + encodeURIComponent(segment)
  })
  if (baseUrl && !/^[a-z][a-z\d+.-]*:/i.test(url)) {
    url = baseUrl.replace(/\/+$/, '') + (url && `/${url.replace(/^\/+/, '')}`)
  }
  const search = query ? toSearch(query) : ''
  if (!search) return url
  // The query goes before a `#fragment`: after it, it would be part of the fragment, which is never sent.
  const hash = url.indexOf('#')
  const target = hash < 0 ? url : url.slice(0, hash)
  const fragment = hash < 0 ? '' : url.slice(hash)
  const separator = !target.includes('?') ? '?' : /[?&]$/.test(target) ? '' : '&'
  return `${target}${separator}${search}${fragment}`
}

/**
 * The client's `query` merged with a request's, name by name: the request's values win, and a request value
 * of `undefined` removes the client's. Either alone is returned as it is.
 *
 * @example
 * mergeQuery({ v: '2', debug: 1 }, { page: 3, debug: undefined }) // { v: '2', debug: undefined, page: 3 }
 */
export function mergeQuery(
  base: QueryParams | undefined,
  over: QueryParams | undefined,
): QueryParams | undefined {
  if (!base || !over) return base ?? over
  return { ...toRecord(base), ...toRecord(over) }
}

const toRecord = (query: QueryParams): Record<string, QueryValue | ReadonlyArray<QueryValue>> => {
  if (!(query instanceof URLSearchParams)) return query
  const record: Record<string, string[]> = {}
  for (const key of query.keys()) record[key] = query.getAll(key)
  return record
}

function toSearch(query: QueryParams): string {
  if (query instanceof URLSearchParams) return query.toString()
  const search = new URLSearchParams()
  for (const [key, values] of Object.entries(query)) {
    for (const value of [values].flat()) {
      if (value != null) search.append(key, value instanceof Date ? value.toISOString() : String(value))
    }
  }
  return search.toString()
}

/**
 * True when credentials (auth headers) may be sent to `url`: a relative URL, or one on the origin of `baseUrl`,
 * of the page (`location`), or listed in `allowedOrigins`. Protocol-relative (`//host`) URLs are absolute here.
 *
 * @example
 * isTrustedUrl('https://cdn.example.com/a.png', 'https://api.example.com', undefined) // false
 */
export function isTrustedUrl(
  url: string,
  baseUrl: string | undefined,
  allowedOrigins: ReadonlyArray<string> | undefined,
): boolean {
  // Relative references resolve against the page, or outside a browser against a host that cannot exist.
  const here = globalThis.location?.href ?? 'http://ferry.invalid'
  const origin = (value: string): string | undefined => {
    try {
      return new URL(value, here).origin
    } catch {
      return undefined
    }
  }
  const target = origin(url)
  return (
    target !== undefined &&
    [here, baseUrl ?? here, ...(allowedOrigins ?? [])].some((trusted) => origin(trusted) === target)
  )
}
