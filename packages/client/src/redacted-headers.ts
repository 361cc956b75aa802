import { MASK } from './redact.js'

/** Masked by `redactedHeaders()` whatever else is named. */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key']

/** How event headers are shown: a plain copy, secrets masked (the `includeHeaders` option). */
export type HeaderView = (headers: Headers) => Record<string, string>

/**
 * Puts request and response headers in events (`includeHeaders`), with the values of `authorization`,
 * `cookie`, `set-cookie`, `proxy-authorization`, `x-api-key` and the names in `extra` (any case) replaced by
 * `[redacted]`. Its own module, so a client that logs no headers does not carry it.
 *
 * @example
 * const api = createClient({ onEvent: (event) => log(event), includeHeaders: redactedHeaders(['X-Session']) })
 */
export function redactedHeaders(extra: ReadonlyArray<string> = []): HeaderView {
  const secret = new Set([...SECRET_HEADERS, ...extra.map((name) => name.toLowerCase())])
  return (headers) => {
    const out: Record<string, string> = {}
    headers.forEach((value, name) => {
      out[name] = secret.has(name) ? MASK : value
    })
    return out
  }
}
