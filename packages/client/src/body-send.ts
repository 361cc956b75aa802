/**
 * Turns a request's `body` option into what `fetch` sends, and sets or removes `Content-Type` on `headers`
 * (mutated). A plain object or array (anything not listed below) becomes JSON with
 * `Content-Type: application/json` (by `stringify`, the client's `stringifyJson`), unless the caller set a Content-Type. `FormData` is sent without a
 * Content-Type so the runtime adds the boundary: any other one (a client's JSON default, a hand-set
 * `multipart/form-data` without a boundary) is removed and reported in `warning`; so is a type other than
 * urlencoded on `URLSearchParams`. `URLSearchParams`, `Blob`, `ArrayBuffer`, typed arrays, `DataView`, strings and
 * `ReadableStream` go as they are; any other async iterable (a Node `Readable`, an async generator) is sent
 * as a stream of its chunks (strings as UTF-8, `Uint8Array`s and `Buffer`s as they are). A stream can be
 * sent once only (`replayable: false`: never retried). `undefined` and `null` send no body.
 *
 * @throws TypeError for a body on GET or HEAD (`method` comes upper-cased, as the client normalises it).
 * @example
 * const headers = new Headers()
 * serializeBody({ sku: 'A1', qty: 2 }, headers, 'POST') // { body: '{"sku":"A1","qty":2}', replayable: true }
 * headers.get('content-type') // 'application/json'
 * serializeBody(createReadStream('export.ndjson'), headers, 'PUT') // { body: ReadableStream, replayable: false }
 */
export function serializeBody(
  body: unknown,
  headers: Headers,
  method: string,
  stringify: (value: unknown) => string = JSON.stringify,
): {
  readonly body: BodyInit | undefined
  readonly replayable: boolean
  readonly warning?: string | undefined
} {
  if (body == null) return NO_BODY
  if (method === 'GET' || method === 'HEAD') {
    throw new TypeError(`Ferry: a ${method} request cannot have a body; use \`query\`.`)
  }
  if (body instanceof ReadableStream) return { body, replayable: false }
  if (isAsyncIterable(body)) return { body: streamOf(body), replayable: false }
  const type = headers.get('content-type')
  let warning: string | undefined
  // FormData and URLSearchParams carry their own type (FormData's with the boundary fetch makes): any other one,
  // a client's JSON default or a multipart type without that boundary, would leave the server unable to read them.
  const form = body instanceof FormData
  if (
    type &&
    (form
      ? !/^multipart\/form-data.*boundary=/i.test(type)
      : body instanceof URLSearchParams && !/^application\/x-www-form-urlencoded/i.test(type))
  ) {
    headers.delete('content-type')
    warning = `Removed Content-Type "${type}": fetch sets ${form ? "FormData's, with its boundary" : "URLSearchParams'"}.`
  }
  if (isSendable(body)) return { body, replayable: true, warning }
  if (!type) headers.set('content-type', 'application/json')
  return { body: stringify(body), replayable: true }
}

/** What most requests send: shared, as it is never changed. */
const NO_BODY = { body: undefined, replayable: true } as const

/**
 * What fetch sends as it is: strings, FormData, Blob, URLSearchParams, ArrayBuffer, and typed arrays and
 * DataViews over an ArrayBuffer (fetch refuses views of shared memory).
 */
const isSendable = (value: unknown): value is BodyInit =>
  typeof value === 'string' ||
  [FormData, Blob, URLSearchParams, ArrayBuffer].some((type) => value instanceof type) ||
  (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer)

// Detected by shape, not `instanceof Readable`: the client imports no Node module, so it runs in browsers.
const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value

/**
 * A `ReadableStream` reading `source` chunk by chunk, as fetch pulls it (`Readable.toWeb` would need
 * `node:stream`). Strings are encoded as UTF-8; any other chunk goes as it is, and fetch refuses what is not
 * a `Uint8Array` (a Node `Buffer` is one) with a TypeError. Cancelling the stream (an abort, a timeout) ends
 * the source: `return()` destroys a Node `Readable`.
 */
function streamOf(source: AsyncIterable<unknown>): ReadableStream<unknown> {
  const iterator = source[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await iterator.next()
      if (done) controller.close()
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
    },
    async cancel(reason) {
      await iterator.return?.(reason)
    },
  })
}
