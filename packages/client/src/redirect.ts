import { cancelBody } from './body-read.js'
import { HttpError } from './errors.js'
import type { FerryRequest, Next } from './middleware.js'

/** The fetch spec's request-body-header names, and the length: they describe a body a GET no longer has. */
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
]

function withoutBodyHeaders(headers: Headers): Headers {
  const copy = new Headers(headers)
  for (const name of BODY_HEADERS) copy.delete(name)
  return copy
}

/** A stream body can be sent once only (the core turns every async iterable into a `ReadableStream`). */
export const isStream = (request: FerryRequest): boolean => request.init.body instanceof ReadableStream

/**
 * Sends `request`, following redirects by hand so that credentials stay on trusted origins. Node's fetch
 * drops only Authorization and Cookie on a redirect to another origin; an `X-API-Key` or any custom auth
 * header would follow it. Browsers cannot read a manual redirect (`opaqueredirect`), and a caller's own
 * `redirect` option wins, so then the request goes as it is.
 *
 * @param uncredentialed the headers before credentials were applied: what an origin that may not receive
 *   them gets, minus the request id
 * @example
 * const response = await followRedirects({ ...request, headers: signed }, next, request.headers)
 */
export async function followRedirects(
  request: FerryRequest,
  next: Next,
  uncredentialed: Headers,
): Promise<Response> {
  if (request.init.redirect || typeof document !== 'undefined') return next(request)
  let bare = new Headers(uncredentialed)
  bare.delete('x-request-id')
  let credentialed = request.headers
  let init: FerryRequest['init'] = { ...request.init, redirect: 'manual' }
  let { url, method } = request
  let response = await next({ ...request, init })
  for (let hops = 0; hops < 20; hops++) {
    const { status } = response
    const location = response.headers.get('location')
    if (status < 300 || status > 308 || status === 304 || !location) break
    cancelBody(response)
    url = new URL(location, response.url || url).href
    // As fetch does: a 303 to anything but GET or HEAD, and a 301/302 after a POST, continue as a GET
    // without the body, nor the headers that described it.
    if ((status === 303 && method !== 'GET' && method !== 'HEAD') || (status < 303 && method === 'POST')) {
      method = 'GET'
      init = { ...init, method, body: null }
      credentialed = withoutBodyHeaders(credentialed)
      bare = withoutBodyHeaders(bare)
    } else if (isStream(request)) {
      // The first send consumed the stream: there is nothing left to re-send to the new location.
      throw new HttpError({
        request: request.request,
        response,
        note: 'a stream body cannot follow a redirect; send it to the URL in `Location`',
      })
    }
    const trusted = request.trusts(url)
    response = await next({
      ...request,
      url,
      method,
      init,
      trusted,
      headers: trusted ? credentialed : bare,
    })
  }
  return response
}
