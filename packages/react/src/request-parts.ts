import type { HeadersOption, QueryParams, QueryValue } from '@ferry/client'

/** Query parameters as a record. */
export type QueryRecord = Record<string, QueryValue | ReadonlyArray<QueryValue>>

/**
 * Headers given in any form, merged in order into one record, names lower-cased (HTTP compares them so).
 * A plain object's `undefined` stays `undefined`: the client reads it as "remove the inherited header".
 */
export function headerRecord(
  ...inits: ReadonlyArray<HeadersOption | undefined>
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const init of inits)
    if (init)
      for (const [name, value] of Array.isArray(init) || init instanceof Headers
        ? new Headers(init)
        : Object.entries(init))
        out[name.toLowerCase()] = value
  return out
}

/** `query` as a record (a `URLSearchParams` as each name's values); a record is returned as given. */
export const queryRecord = (query: QueryParams): QueryRecord =>
  query instanceof URLSearchParams
    ? Object.fromEntries([...new Set(query.keys())].map((name) => [name, query.getAll(name)]))
    : query
