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
    try {
      const body = await rawBody(req)
      const method = req.method ?? 'POST'
      const init: RequestInit = { method, headers: toHeaders(req.headers) }
      if (method !== 'GET' && method !== 'HEAD') init.body = body
      response = await handler(new Request(requestUrl(req), init))
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
    }
    res.statusCode = response.status
    response.headers.forEach((value, name) => {
      res.setHeader(name, value)
    })
    res.end(await response.text())
  }
}

async function rawBody(req: NodeRequestLike): Promise<Uint8Array<ArrayBuffer>> {
  const { body } = req
  if (body instanceof Uint8Array) return new Uint8Array(body)
  if (typeof body === 'string') return new TextEncoder().encode(body)
  if (body !== undefined && req.readableEnded === true) {
    throw new WebhookError(
      'invalid-body',
      'req.body was already parsed (express.json() or another body parser ran before the webhook route), so ' +
        'the signed bytes are gone. Mount the route with express.raw({ type: "application/json" }) instead, ' +
        'before any JSON parser.',
    )
  }
  const chunks: Uint8Array[] = []
  let length = 0
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk
    chunks.push(bytes)
    length += bytes.length
  }
  const all = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.length
  }
  return all
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
