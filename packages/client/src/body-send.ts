/**
 * Turns a request's `body` option into what `fetch` sends, and sets or removes `Content-Type` on `headers`
 * (mutated). A plain object or array (anything that is not a `BodyInit`) becomes JSON with
 * `Content-Type: application/json`, unless the caller set a Content-Type. `FormData` is sent without a
 * Content-Type so the runtime adds the boundary: a hand-set `multipart/form-data` without one is removed and
 * reported in `warning`. `URLSearchParams`, `Blob`, `ArrayBuffer`, typed arrays, strings and streams go as
 * they are; a `ReadableStream` can be sent once only (`replayable: false`). `undefined` and `null` send no body.
 *
 * @throws TypeError for a body on GET or HEAD.
 * @example
 * const headers = new Headers()
 * serializeBody({ sku: 'A1', qty: 2 }, headers, 'POST') // { body: '{"sku":"A1","qty":2}', replayable: true }
 * headers.get('content-type') // 'application/json'
 */
export function serializeBody(
  body: unknown,
  headers: Headers,
  method: string,
): { readonly body: BodyInit | undefined; readonly replayable: boolean; readonly warning?: string } {
  if (body == null) return { body: undefined, replayable: true }
  const verb = method.toUpperCase()
  if (verb === 'GET' || verb === 'HEAD') {
    throw new TypeError(`A ${verb} request cannot have a body; send it in \`query\`.`)
  }
  const type = headers.get('content-type')
  const sent =
    body instanceof FormData ||
    body instanceof ReadableStream ||
    typeof body === 'string' ||
    body instanceof Blob ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    isBufferView(body)
      ? body
      : JSON.stringify(body)
  if (sent !== body && !headers.has('content-type')) headers.set('content-type', 'application/json')
  if (body instanceof FormData && type && /^multipart\/form-data/i.test(type) && !/boundary=/i.test(type)) {
    headers.delete('content-type')
    return {
      body,
      replayable: true,
      warning: `Removed Content-Type "${type}": the runtime sets a FormData body's, with the boundary.`,
    }
  }
  return { body: sent, replayable: !(sent instanceof ReadableStream) }
}

/** Typed arrays and DataViews over an ArrayBuffer (fetch refuses views of shared memory). */
const isBufferView = (value: unknown): value is ArrayBufferView<ArrayBuffer> =>
  ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer
