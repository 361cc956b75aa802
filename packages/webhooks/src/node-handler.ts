import { WebhookError } from './errors.js'

/**
 * The parts of a node:http `IncomingMessage` (or an Express `req`) the adapter reads. Structural, so this
 * package needs no Node types at runtime.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined
  readonly url?: string | undefined
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>
  /** Set by Express body parsers: a Buffer from `express.raw()` is used; a parsed object is refused. */
  readonly body?: unknown
  /** True once the stream was read to its end (by a body parser). */
  readonly readableEnded?: boolean
}

/** The parts of a node:http `ServerResponse` (or an Express `res`) the adapter writes. */
export interface NodeResponseLike {
  statusCode: number
  setHeader(name: string, value: string): unknown
  end(chunk?: string): unknown
}

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /** Told when the request cannot be passed on (a body an earlier middleware parsed): log it. */
  readonly onError?: (error: WebhookError) => void
}

/**
 * Adapts a `(request: Request) => Promise<Response>` handler to node:http and Express `(req, res)`. The raw
 * body is read from the stream, or taken from `req.body` when `express.raw()` left a Buffer there. A body that
 * `express.json()` already parsed cannot be verified: that is answered with 500 (the receiver's setup is wrong,
 * and the provider will redeliver once it is fixed) and reported to `onError`.
 *
 * @example
 * import { createServer } from 'node:http'
 * createServer(toNodeHandler(createWebhookHandler({ secret, handle }))).listen(3000)
 */
export function toNodeHandler(
  handler: (request: Request) => Promise<Response>,
  options: NodeHandlerOptions = {},
): (req: NodeRequestLike, res: NodeResponseLike) => Promise<void> {
  return async (req, res) => {
    let response: Response
    let request: Request
    try {
      const method = req.method ?? 'POST'
      // `duplex` is what fetch needs to take a stream body; the DOM types do not list it yet.
      const init: RequestInit & { duplex?: 'half' } = { method, headers: toHeaders(req.headers) }
      if (method !== 'GET' && method !== 'HEAD') {
        init.body = bodyOf(req)
        init.duplex = 'half'
      }
      request = new Request(requestUrl(req), init)
    } catch (error) {
      const webhookError =
        error instanceof WebhookError
          ? error
          : new WebhookError('invalid-body', 'The webhook request could not be read; nothing was handled.')
      options.onError?.(webhookError)
      response = Response.json(
        { outcome: 'refused', error: webhookError.code, message: webhookError.message },
        { status: 500 },
      )
      return send(res, response)
    }
    try {
      response = await handler(request)
    } catch {
      // The handler itself failed (not the reading of the request): whether the event was handled is unknown,
      // so the provider is asked to deliver it again, without claiming that nothing was handled.
      response = Response.json(
        { outcome: 'failed', message: 'The webhook handler failed; deliver the event again.' },
        { status: 500 },
      )
    }
    return send(res, response)
  }
}

async function send(res: NodeResponseLike, response: Response): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, name) => {
    res.setHeader(name, value)
  })
  res.end(await response.text())
}

const encoder = new TextEncoder()

/**
 * The body to verify: what a body parser left in `req.body` as bytes (`express.raw()`, any `ArrayBufferView`,
 * also from another realm) or text, else the stream itself, pulled only as far as the handler reads it (it
 * reads the signature header first, and at most `maxBodyBytes`).
 */
function bodyOf(req: NodeRequestLike): Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> {
  const { body } = req
  if (ArrayBuffer.isView(body)) {
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice()
  }
  if (typeof body === 'string') return encoder.encode(body)
  if (body !== undefined && req.readableEnded === true) {
    throw new WebhookError(
      'invalid-body',
      'req.body was already parsed (express.json() or another body parser ran before the webhook route), so ' +
        'the signed bytes are gone. Mount the route with express.raw({ type: "application/json" }) instead, ' +
        'before any JSON parser.',
    )
  }
  // Opened on the first read only: a request refused on its header leaves the stream untouched, for node:http
  // to discard.
  let chunks: AsyncIterator<Uint8Array | string> | undefined
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      chunks ??= req[Symbol.asyncIterator]()
      const next = await chunks.next()
      if (next.done) controller.close()
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value)
    },
    // Not `chunks.return()`: that destroys the socket before the answer is written. node:http discards the
    // unread rest, or closes the connection after a 413 (`Connection: close`).
    cancel: () => undefined,
  })
}

function toHeaders(source: NodeRequestLike['headers']): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === 'string') headers.append(name, value)
    else if (value) for (const item of value) headers.append(name, item)
  }
  return headers
}

// Only the path matters to the handler; the host header is untrusted input, so a bad one falls back.
function requestUrl(req: NodeRequestLike): string {
  const path = req.url ?? '/'
  try {
    return new URL(path, `http://${String(req.headers.host ?? 'localhost')}`).href
  } catch {
    return new URL(path.startsWith('/') ? path : '/', 'http://localhost').href
  }
}
