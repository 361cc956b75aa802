import { WebhookError } from './errors.js'

const encoder = new TextEncoder()

/**
 * What a signed body may be passed as: exactly the bytes (or their text) that came over the wire. Any
 * `ArrayBufferView` (a Node `Buffer`, a typed array, a `DataView`) is read as its bytes.
 */
export type RawBody = string | ArrayBufferView | ArrayBuffer

/**
 * The bytes of a raw body. Anything else — above all a body a framework already parsed into an object — is
 * refused, because re-serialising JSON never gives back the signed bytes (key order, spacing, escapes).
 */
export function rawBodyBytes(rawBody: unknown): Uint8Array {
  const bytes = bytesOf(rawBody)
  if (bytes.length === 0) {
    throw new WebhookError(
      'invalid-body',
      'The webhook body is empty, so there is nothing to verify or handle. Pass the raw body as received ' +
        '(`await request.text()`); a proxy or a body parser may have consumed it.',
    )
  }
  return bytes
}

/**
 * The bytes of a string, of any view (a Buffer, a typed array, a DataView) or of an ArrayBuffer, also from
 * another realm (a vm context, an iframe, another copy of a library), where `instanceof` says no. Empty is
 * fine here (`signWebhook` signs what it is given); a parsed object is refused.
 */
export function bytesOf(rawBody: unknown): Uint8Array {
  if (typeof rawBody === 'string') return encoder.encode(rawBody)
  if (ArrayBuffer.isView(rawBody))
    return new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength)
  if (Object.prototype.toString.call(rawBody) === '[object ArrayBuffer]' && isArrayBuffer(rawBody)) {
    return new Uint8Array(rawBody)
  }
  throw new WebhookError(
    'invalid-body',
    `Expected the raw request body (a string, Uint8Array or ArrayBuffer) but got ${describe(rawBody)}. ` +
      'Signatures cover the exact bytes that were sent, so pass the body before any JSON parsing: ' +
      '`await request.text()` in a route handler, `express.raw({ type: "application/json" })` in Express.',
  )
}

// `byteLength` getter of ArrayBuffer.prototype: it throws for anything that is not a real ArrayBuffer.
const byteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')?.get

function isArrayBuffer(value: unknown): value is ArrayBuffer {
  try {
    byteLength?.call(value)
    return byteLength !== undefined
  } catch {
    return false
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array (a parsed JSON body?)'
  if (typeof value === 'object') return 'an object (a parsed JSON body?)'
  return `a value of type ${typeof value}`
}
