import { WebhookError } from './errors.js'

/** A parsed `Stripe-Signature`-style header. */
export interface SignatureHeader {
  /** Unix seconds the sender signed at. */
  readonly timestamp: number
  /** Every `v1` signature, decoded (32 bytes each). */
  readonly signatures: readonly Uint8Array<ArrayBuffer>[]
}

const HEX = /^[0-9a-f]{64}$/i

/**
 * The most `v1` signatures considered in one header; the rest are ignored. A sender signs once per secret it
 * holds (two during a rotation), so 16 leaves room; an unbounded list would let a forged header make the
 * receiver decode and compare thousands of candidates.
 */
export const MAX_SIGNATURES = 16

/**
 * Parses `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. Other schemes (`v0`, …) are ignored, like Stripe does; a
 * `v1` that is not 64 hex digits can never match, so it is skipped; only the first {@link MAX_SIGNATURES}
 * `v1` signatures are kept.
 */
export function parseSignatureHeader(header: string | null | undefined): SignatureHeader {
  if (header === null || header === undefined || (typeof header === 'string' && header.trim() === '')) {
    throw new WebhookError(
      'missing-header',
      'The webhook signature header is missing (Stripe sends it as `Stripe-Signature`). ' +
        'Check that the request comes from the provider and that no proxy strips the header.',
    )
  }
  // The types say string; JavaScript callers and frameworks typing headers `string | string[]` may pass more.
  const given: unknown = header
  if (typeof given !== 'string') {
    const got = Array.isArray(given) ? 'an array' : `a value of type ${typeof given}`
    throw new WebhookError(
      'malformed-header',
      `The webhook signature header must be passed as one string (the header's value), but got ${got}: ` +
        "pass `request.headers.get('stripe-signature')` or `req.headers['stripe-signature']`.",
    )
  }
  let timestamp: number | undefined
  let milliseconds = false
  const signatures: Uint8Array<ArrayBuffer>[] = []
  for (const part of header.split(',')) {
    const at = part.indexOf('=')
    if (at < 0) continue
    const key = part.slice(0, at).trim()
    const value = part.slice(at + 1).trim()
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value)
    else if (key === 't' && /^\d{13}$/.test(value)) milliseconds = true
    else if (key === 'v1' && signatures.length < MAX_SIGNATURES && HEX.test(value)) {
      signatures.push(hexToBytes(value))
    }
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new WebhookError(
      'malformed-header',
      `The webhook signature header has ${problem(timestamp, milliseconds)}: ` +
        'expected `t=<unix seconds>,v1=<64 hex digits>`. Pass the header value exactly as received.',
    )
  }
  return { timestamp, signatures }
}

function problem(timestamp: number | undefined, milliseconds: boolean): string {
  if (timestamp !== undefined) return 'no v1 signature'
  // Said apart from "none": a sender that signed Date.now() as is gets told what to change.
  return milliseconds ? 'a timestamp in milliseconds, not Unix seconds' : 'no timestamp'
}

/** Lower-case hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}
