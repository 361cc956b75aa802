import type { Client, RequestOptions } from '@ferry/client'
import { headerRecord, queryRecord } from './request-parts.js'
import { identity, plain, readers, stableKey } from './stable-key.js'

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

const hidden = (value: unknown) => `#${hash(stableKey(value))}`

/** What a query key holds besides the path: everything that changes the answer. */
export interface RequestKey {
  readonly method: string
  /** The client: a number per client object (`extend()` makes another), or the `scope` given instead. */
  readonly client: string | number
  /** The client's base URL; absent with a `scope` (which stands for the client and its options). */
  readonly baseUrl?: string | undefined
  readonly params: unknown
  /** The query; the values of the client's `redactQuery` parameters as `#` + their hash. */
  readonly query: unknown
  readonly body: unknown
  /**
   * The client's headers (not with a `scope`) merged with the request's, names lower-cased, every value as
   * `#` + its hash: any header may carry a secret (a custom API-key header, a session), and none is kept in clear.
   */
  readonly headers: Readonly<Record<string, string>>
  /** How the answer is read: the identities of `schema`, `unwrap` and the `use` middleware (not with a `scope`). */
  readonly read?: readonly unknown[] | undefined
}

/** The parts of a request's options that the key reads. */
export type KeyedOptions = Pick<
  RequestOptions,
  'params' | 'query' | 'body' | 'headers' | 'use' | 'unwrap'
> & {
  readonly schema?: object | undefined
  /**
   * Stands for the client, its options and how the answer is read (schema, unwrap, middleware) instead of
   * their identities, which differ between a server and a browser.
   */
  readonly scope?: string | undefined
}

/**
 * The key of a request: method, the client (its identity and base URL, or the `scope`), params, query, body,
 * headers (hashed) and how the answer is read.
 */
export function requestKey(
  client: Client,
  method: string,
  { params, query, body, headers, scope, ...reads }: KeyedOptions,
): RequestKey {
  const { options } = client
  const merged: Record<string, string> = {}
  for (const [name, value] of Object.entries(headerRecord(scope ? undefined : options.headers, headers)))
    if (value !== undefined) merged[name] = hidden(value)
  let keyQuery = query && queryRecord(query)
  for (const name of options.redactQuery ?? [])
    if (keyQuery?.[name] !== undefined) keyQuery = { ...keyQuery, [name]: hidden(keyQuery[name]) }
  return {
    method,
    client: scope ?? identity(client),
    ...(scope ? {} : { baseUrl: options.baseUrl, read: readers(reads) }),
    params: plain(params),
    query: plain(keyQuery),
    body: plain(body),
    headers: merged,
  }
}
