import { MASK } from './redact.js'

/** Masked by `redactedHeaders()` whatever else is named. */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'proxy-authorization', 'x-api-key']

/**
 * How event headers are shown (`observe`'s `includeHeaders` option): a plain copy, secrets masked. `credentials` are
 * the (lower-case) names of the headers the client's `auth` step sets, whatever they are called.
 */
export type HeaderView = (headers: Headers, credentials?: ReadonlySet<string>) => Record<string, string>

/**
 * Puts request and response headers in events (`observe(onEvent, { includeHeaders })`), with the values of `authorization`,
 * `cookie`, `set-cookie`, `proxy-authorization`, `x-api-key`, the headers the client's `auth` step sets (a
 * custom `apiKey({ header })`, an `authMiddleware` of your own) and the names in `extra` (any case) replaced
 * by `[redacted]`. Its own module, so a client that logs no headers does not carry it.
 *
 * @example
 * const api = createClient({ events: observe((event) => log(event), { includeHeaders: redactedHeaders(['X-Session']) }) })
 */
export function redactedHeaders(extra: ReadonlyArray<string> = []): HeaderView {
  const secret = new Set([...SECRET_HEADERS, ...extra.map((name) => name.toLowerCase())])
  return (headers, credentials) => {
    const out: Record<string, string> = {}
    headers.forEach((value, name) => {
      out[name] = secret.has(name) || credentials?.has(name) ? MASK : value
    })
    return out
  }
}
