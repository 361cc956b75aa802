import type { ClientOptions } from './options.js'
import { isTrustedUrl } from './url.js'

/**
 * Fetches, following redirects by hand so that credentials stay on trusted origins. Node's fetch drops only
 * Authorization and Cookie on a redirect to another origin; an `X-API-Key` or any custom auth header would
 * follow it. Browsers cannot read a manual redirect (`opaqueredirect`), so this is only used outside them.
 *
 * @param headers the call's headers before auth was applied: what an origin that may not receive credentials
 *   gets, minus the request id (trusted origins: the page's, `client.baseUrl`'s and `client.allowedOrigins`)
 */
export async function fetchFollowing(
  fetcher: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  headers: Headers,
  client: Pick<ClientOptions, 'baseUrl' | 'allowedOrigins'>,
): Promise<Response> {
  const uncredentialed = new Headers(headers)
  uncredentialed.delete('x-request-id')
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
      headers: isTrustedUrl(url, client.baseUrl, client.allowedOrigins)
        ? (init.headers ?? {})
        : uncredentialed,
      redirect: 'manual',
    }
    response = await fetcher(url, init)
  }
  return response
}
