/**
 * Turns a request's `body` option into what `fetch` sends, and sets or removes `Content-Type` on `headers`
 * (mutated). A plain object or array (anything not listed below) becomes JSON with
 * `Content-Type: application/json` (by `stringify`, the client's `stringifyJson`), unless the caller set a Content-Type. `FormData` is sent without a
 * Content-Type so the runtime adds the boundary: any other one (a client's JSON default, a hand-set
 * `multipart/form-data` without a boundary) is removed and reported in `warning`; so is a type other than
 * urlencoded on `URLSearchParams`. `URLSearchParams`, `Blob`, `ArrayBuffer`, typed arrays, `DataView` and strings
 * go as they are; a `ReadableStream` or any other async iterable (a Node `Readable`, an async generator) is sent
 * as a stream of its chunks (strings as UTF-8, `Uint8Array`s and `Buffer`s as they are), with `end` to stop its
 * source when the call fails. A stream can be sent once only (`replayable: false`: never retried). `undefined`
 * and `null` send no body.
 *
 * @throws TypeError for a body on GET or HEAD (`method` comes upper-cased, as the client normalises it).
 * @example
 * const headers = new Headers()
 * serializeBody({ sku: 'A1', qty: 2 }, headers, 'POST') // { body: '{"sku":"A1","qty":2}', replayable: true }
 * headers.get('content-type') // 'application/json'
 * serializeBody(createReadStream('export.ndjson'), headers, 'PUT') // { body: ReadableStream, replayable: false, end }
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
  /** Ends a stream body's source; fetch leaves it being read after an abort or a timeout. */
  readonly end?: ((reason: unknown) => void) | undefined
} {
  if (body == null) return NO_BODY
  if (method === 'GET' || method === 'HEAD') {
    throw new TypeError(`Ferry: a ${method} request cannot have a body; use \`query\`.`)
  }
  if (body instanceof ReadableStream) {
    // Read through our own stream, so that the call can end the caller's when it ends (fetch holds its lock).
    const reader = body.getReader()
    return streamOf({ next: () => reader.read(), return: (reason) => reader.cancel(reason) })
  }
  if (isAsyncIterable(body)) return streamOf(body[Symbol.asyncIterator]())
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

/** What a stream body is read from: an async iterator, or a `ReadableStream`'s reader put in its shape. */
interface Source {
  next(): Promise<{ readonly done?: boolean | undefined; readonly value?: unknown }>
  return?(reason?: unknown): unknown
}

/**
 * A `ReadableStream` reading `source` chunk by chunk, as fetch pulls it (`Readable.toWeb` would need
 * `node:stream`), and `end` to stop it. Strings are encoded as UTF-8; any other chunk goes as it is, and fetch
 * refuses what is not a `Uint8Array` (a Node `Buffer` is one) with a TypeError. Cancelling the stream, or `end`
 * (the call failed, timed out or was aborted: undici on Node 20 keeps pulling a request body after an abort),
 * ends the source: `return()` destroys a Node `Readable` and cancels a `ReadableStream`.
 */
function streamOf(source: Source): {
  body: ReadableStream<unknown>
  replayable: false
  end: (reason: unknown) => void
} {
  const encoder = new TextEncoder()
  const end = async (reason: unknown) => {
    await source.return?.(reason)
  }
  return {
    body: new ReadableStream({
      async pull(controller) {
        const { done, value } = await source.next()
        if (done) controller.close()
        else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
      },
      cancel: end,
    }),
    replayable: false,
    // Not awaited: a source that fails to stop has nothing left to report to a call that has ended.
    end: (reason) => void end(reason).catch(() => {}),
  }
}
