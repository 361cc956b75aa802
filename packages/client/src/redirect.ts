/**
 * Fetches, following redirects by hand so that credentials stay on trusted origins. Node's fetch drops only
 * Authorization and Cookie on a redirect to another origin; an `X-API-Key` or any custom auth header would
 * follow it. Browsers cannot read a manual redirect (`opaqueredirect`), so this is only used outside them.
 *
 * @param uncredentialed the headers to send to an origin that may not receive credentials
 */
export async function fetchFollowing(
  fetcher: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  uncredentialed: Headers,
  trusted: (url: string) => boolean,
): Promise<Response> {
  let response = await fetcher(url, { ...init, redirect: 'manual' })
  for (let hops = 0; hops < 20; hops++) {
    const location = response.headers.get('location')
    if (response.status < 300 || response.status > 308 || response.status === 304 || !location) break
    response.body?.cancel().catch(() => undefined)
    url = new URL(location, response.url || url).href
    // As fetch does: 303, and 301/302 after a POST, continue as a GET without a body.
    const toGet = response.status === 303 || (response.status < 303 && init.method === 'POST')
    init = {
      ...init,
      ...(toGet ? { method: 'GET', body: null } : {}),
      headers: trusted(url) ? (init.headers ?? {}) : uncredentialed,
      redirect: 'manual',
    }
    response = await fetcher(url, init)
  }
  return response
}
