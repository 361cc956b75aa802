import type { HeadersOption, QueryParams, QueryValue } from '@ferry/client'

/** Query parameters as a record (a `URLSearchParams` by name: one value, or the repeated values in order). */
export type QueryRecord = Record<string, QueryValue | ReadonlyArray<QueryValue>>

/**
 * Headers given in any form, merged in order into one record, names lower-cased (HTTP compares them so).
 * A plain object's `undefined` stays `undefined`: the client reads it as "remove the inherited header".
 */
export function headerRecord(
  ...inits: ReadonlyArray<HeadersOption | undefined>
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const init of inits) {
    if (!init) continue
    if (Array.isArray(init) || init instanceof Headers)
      new Headers(init).forEach((value, name) => {
        out[name] = value
      })
    else for (const [name, value] of Object.entries(init)) out[name.toLowerCase()] = value
  }
  return out
}

/** `query` as a record; a record is returned as given. */
export function queryRecord(query: QueryParams): QueryRecord {
  if (!(query instanceof URLSearchParams)) return query
  const out: Record<string, string | string[]> = {}
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name)
    out[name] = values.length === 1 ? (values[0] ?? '') : values
  }
  return out
}
