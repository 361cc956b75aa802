/** What a masked value reads as, in URLs and event headers. */
export const MASK = '[redacted]'

/** Removes userinfo and masks the values of the named query parameters. */
export function redactUrl(url: string, redactQuery: ReadonlyArray<string> = []): string {
  // The common case, with nothing to mask, must not pay for parsing a URL on every request.
  if (!redactQuery.length && !url.includes('@')) return url
  let parsed: URL
  try {
    parsed = new URL(url, 'http://relative.invalid')
  } catch {
    return url
  }
  const query = parsed.searchParams
  const masked = redactQuery.filter((name) => query.has(name))
  if (!parsed.username && !parsed.password && !masked.length) return url
  parsed.username = ''
  parsed.password = ''
  for (const name of masked) {
    const values = query.getAll(name)
    query.delete(name)
    for (const _ of values) query.append(name, MASK)
  }
  // A relative URL stays relative: drop the placeholder origin.
  return /^[a-z][a-z\d+.-]*:\/\//i.test(url) ? parsed.href : parsed.href.slice(parsed.origin.length)
}
