import { WebhookError } from './errors.js'

const encoder = new TextEncoder()

/** What a signed body may be passed as: exactly the bytes (or their text) that came over the wire. */
export type RawBody = string | Uint8Array | ArrayBuffer

/**
 * The bytes of a raw body. Anything else — above all a body a framework already parsed into an object — is
 * refused, because re-serialising JSON never gives back the signed bytes (key order, spacing, escapes).
 */
export function rawBodyBytes(rawBody: unknown): Uint8Array {
  if (typeof rawBody === 'string') return encoder.encode(rawBody)
  if (rawBody instanceof Uint8Array) return rawBody
  if (rawBody instanceof ArrayBuffer) return new Uint8Array(rawBody)
  throw new WebhookError(
    'invalid-body',
    `Expected the raw request body (a string, Uint8Array or ArrayBuffer) but got ${describe(rawBody)}. ` +
      'Signatures cover the exact bytes that were sent, so pass the body before any JSON parsing: ' +
      '`await request.text()` in a route handler, `express.raw({ type: "application/json" })` in Express.',
  )
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array (a parsed JSON body?)'
  if (typeof value === 'object') return 'an object (a parsed JSON body?)'
  return `a value of type ${typeof value}`
}
