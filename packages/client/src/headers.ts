import type { ResponseAs } from './options.js'

/**
 * Headers as the `headers` option takes them: anything `fetch` takes, or a plain object whose `undefined`
 * values remove the header (one set by `createClient` or an `extend`ed parent).
 *
 * @example
 * const headers: HeadersOption = { 'X-Tenant': 'acme', Authorization: undefined }
 */
export type HeadersOption = HeadersInit | Readonly<Record<string, string | undefined>>

/**
 * `base` with `over`'s values on top: a header in `over` replaces the one in `base`, and one set to
 * `undefined` in a plain object removes it (names compared case-insensitively).
 *
 * @example
 * mergeHeaders({ 'X-Tenant': 'acme', Accept: 'text/csv' }, { 'x-tenant': undefined }) // Headers { accept: 'text/csv' }
 */
export function mergeHeaders(base?: HeadersOption, over?: HeadersOption): Headers {
  const headers = new Headers()
  // Most requests set no headers of their own: no loop to run.
  if (!base && !over) return headers
  // Headers, arrays of pairs and other iterables go to `new Headers` (which joins a repeated name); what is not
  // iterable is a record (a check that also holds for a Headers object of another realm or a polyfill, unlike
  // `instanceof`), whose `undefined` values remove the header.
  for (const init of [base, over]) {
    for (const [name, value] of !init
      ? []
      : Symbol.iterator in init
        ? new Headers(init)
        : Object.entries(init)) {
      if (value === undefined) headers.delete(name)
      else headers.set(name, value)
    }
  }
  return headers
}

const ACCEPT: Partial<Record<ResponseAs | 'stream', string>> = {
  auto: 'application/json, text/plain;q=0.9, */*;q=0.8',
  json: 'application/json',
  text: 'text/*',
  formData: 'multipart/form-data, application/x-www-form-urlencoded',
  stream: 'application/x-ndjson',
}

/** The `Accept` header implied by how the body will be read (`'stream'`: NDJSON records). */
export const acceptFor = (as: ResponseAs | 'stream'): string => ACCEPT[as] ?? '*/*'

/**
 * A random UUID v4 for request ids and idempotency keys. `crypto.randomUUID` exists only in secure contexts
 * (https, localhost), so plain-http pages fall back to `getRandomValues`, which exists everywhere.
 *
 * @example
 * const key = randomId() // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
// Without randomUUID: each 0, 1 or 8 of the template becomes a random hex digit (a random byte's top 4 bits; a
// shift count is truncated, so 1/4 + 4 shifts by 4); the 4 (version) stays and the 8 keeps 2 bits, 8–b (variant).
export const randomId = (): string =>
  crypto.randomUUID?.() ??
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) =>
    (+digit ^ ((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) >> (+digit / 4 + 4))).toString(16),
  )
