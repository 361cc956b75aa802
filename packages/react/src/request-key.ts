import type { Client, RequestOptions } from '@ferry/client'
import { identity, plain } from './stable-key.js'

/** Header names whose values are secrets: the key holds their hash, never the value. */
const SECRET = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key'])

/**
 * FNV-1a (32-bit) of `text`, in base 36. Not cryptographic: it keeps a token out of the key (devtools,
 * logs, a dehydrated page) while two different tokens still get different keys; it does not make a guessable
 * secret unguessable.
 */
export function hash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(36)
}

/** What a query key holds besides the path: everything that changes the answer. */
export interface RequestKey {
  readonly method: string
  /** The client: a number per client object (`extend()` makes another), or the `scope` given instead. */
  readonly client: string | number
  readonly baseUrl: string | undefined
  readonly params: unknown
  readonly query: unknown
  readonly body: unknown
  /** The client's headers merged with the request's, names lower-cased; secrets as `#` + their hash. */
  readonly headers: Readonly<Record<string, string>>
}

/** The parts of a request's options that the key reads. */
export type KeyedOptions = Pick<RequestOptions, 'params' | 'query' | 'body' | 'headers'> & {
  /** Replaces the client's identity in the key (see `RequestKey.client`). */
  readonly scope?: string | undefined
}

/** The key of a request: method, the client's identity and base URL, params, query, body and headers. */
export function requestKey(
  client: Client,
  method: string,
  { params, query, body, headers, scope }: KeyedOptions,
): RequestKey {
  const all = new Headers()
  for (const init of [client.options.headers, headers]) {
    if (!init) continue
    // A plain object may set a header to `undefined` to remove the client's (the client's own merge rule).
    if (Array.isArray(init) || init instanceof Headers)
      new Headers(init).forEach((v, name) => {
        all.set(name, v)
      })
    else for (const [name, v] of Object.entries(init)) v === undefined ? all.delete(name) : all.set(name, v)
  }
  const merged: Record<string, string> = {}
  all.forEach((value, name) => {
    merged[name] = SECRET.has(name) ? `#${hash(value)}` : value
  })
  return {
    method,
    client: scope ?? identity(client),
    baseUrl: client.options.baseUrl,
    params: plain(params),
    query: plain(query),
    body: plain(body),
    headers: merged,
  }
}
