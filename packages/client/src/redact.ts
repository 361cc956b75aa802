/** What a masked value reads as, in URLs and event headers. */
export const MASK = '[redacted]'

/**
 * Masks the values of the named query parameters (`redactQuery`), for error messages and events. Names are
 * compared as `URLSearchParams` decodes them; the fragment is left alone. A URL never holds userinfo here:
 * the client refuses such URLs before anything is sent.
 *
 * @example
 * redactUrl('/orders?token=abc&page=2', ['token']) // '/orders?token=%5Bredacted%5D&page=2'
 */
export function redactUrl(url: string, names: ReadonlyArray<string> = []): string {
  // The common case, with nothing to mask, must not pay for a regex on every request.
  if (!names.length) return url
  // One pass: the path (up to the first `?` or `#`) and the fragment are matched whole and kept; in between,
  // each `?name=` or `&name=` is decoded the way URLSearchParams decodes it and, if named, its value masked
  // (`s`: the fragment runs to the end, line breaks included).
  return url.replace(/^[^?#]+|#.*|([?&][^=&#]*=)[^&#]*/gs, (part, pair?: string) =>
    pair && names.includes([...new URLSearchParams(pair).keys()][0] ?? '')
      ? pair + encodeURIComponent(MASK)
      : part,
  )
}
