import { WebhookError } from './errors.js'

/** The default `maxBodyBytes`: 1 MiB, far above any provider's event (Stripe's are a few KB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

const tooLarge = (limit: number) =>
  new WebhookError(
    'body-too-large',
    `The webhook body is larger than maxBodyBytes (${limit} bytes); it was not read further and nothing was ` +
      'handled. Raise `maxBodyBytes` if your provider sends larger events.',
  )

/**
 * A request's body, read up to `limit` bytes: a `Content-Length` above it is refused before anything is read,
 * and a body that grows past it is cancelled as soon as it does, so a hostile sender cannot make the receiver
 * buffer more than `limit` bytes.
 *
 * @example
 * const body = await readLimited(request, 1024 * 1024)
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  // Read by someone else (a middleware's request.json()): the signed bytes are gone, and getReader() would throw.
  if (request.bodyUsed || request.body?.locked) {
    throw new WebhookError(
      'invalid-body',
      'The webhook request body was already read before the handler got it (a middleware called ' +
        'request.json() or request.text()?), so the signed bytes are gone and nothing was handled. Pass the ' +
        'request untouched, or read a request.clone() instead.',
    )
  }
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit)
  const reader = request.body?.getReader()
  if (!reader) return new Uint8Array(0)
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.byteLength
    if (length > limit) {
      reader.cancel().catch(() => undefined)
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0]
  const body = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}
