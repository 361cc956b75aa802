import { WebhookError } from './errors.js'
import { constantTimeEqual, hmac, importHmacKey, type Secrets, secretList, signedContent } from './hmac.js'
import { type RawBody, rawBodyBytes } from './raw-body.js'
import { MAX_SIGNATURES, parseSignatureHeader } from './signature-header.js'

/** Options of {@link verifyWebhook} and {@link createVerifier}. */
export interface VerifyOptions {
  /**
   * The replay window in seconds: a signature whose timestamp is further than this from now (either way) is
   * refused with `outside-tolerance`. Default 300 (Stripe's). `Infinity` turns the check off.
   */
  readonly tolerance?: number
  /** The clock, in milliseconds since the epoch. Default `Date.now`; inject one in tests. */
  readonly now?: () => number
}

/** What a genuine delivery carried. */
export interface VerifiedWebhook {
  /** The signature's timestamp, in Unix seconds. */
  readonly timestamp: number
  /** The body as text (UTF-8), ready for `JSON.parse`. */
  readonly payload: string
}

/** Verifies one delivery; made by {@link createVerifier}. */
export type Verifier = (
  rawBody: RawBody,
  signatureHeader: string | null | undefined,
) => Promise<VerifiedWebhook>

/** Stripe's default replay window, in seconds. */
export const DEFAULT_TOLERANCE = 300

const decoder = new TextDecoder()

/**
 * A verifier with the secrets imported once, for a receiver that verifies many deliveries (the handler uses it).
 *
 * @example
 * const verify = createVerifier([process.env.WHSEC_NEW!, process.env.WHSEC_OLD!])
 * const { payload } = await verify(await request.text(), request.headers.get('stripe-signature'))
 */
export function createVerifier(secret: Secrets, options: VerifyOptions = {}): Verifier {
  const secrets = secretList(secret, 'verifyWebhook')
  const keys = Promise.all(secrets.map(importHmacKey))
  // Named when nothing matches (as stripe-node does): a newline read with the secret from an env file or a mounted
  // secret makes every delivery fail, and "check the secret" alone does not say why.
  const whitespaceHint = secrets.some((s) => /\s/.test(s))
    ? ' A configured secret contains whitespace (often an extra newline or space around the value): remove it.'
    : ''
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE
  if (typeof tolerance !== 'number' || Number.isNaN(tolerance) || tolerance < 0) {
    throw new TypeError(
      `verifyWebhook: tolerance must be a number of seconds ≥ 0 (or Infinity), got ${tolerance}.`,
    )
  }
  const now = options.now ?? Date.now

  return async (rawBody, signatureHeader) => {
    const body = rawBodyBytes(rawBody)
    const { timestamp, signatures } = parseSignatureHeader(signatureHeader)
    const content = signedContent(timestamp, body)
    if (!(await anyMatches(await keys, signatures, content))) {
      throw new WebhookError(
        'no-matching-signature',
        `No signature in the header matches the body (${signatures.length} v1 signature(s) compared with ` +
          `the HMAC of each secret; at most ${MAX_SIGNATURES} are considered). ` +
          'Check that the secret belongs to this endpoint and that the body is passed exactly as ' +
          `received, not parsed and re-serialised.${whitespaceHint}`,
      )
    }
    // Checked after the signature, so that only a genuine (but old) delivery is told it came too late.
    const age = Math.floor(now() / 1000) - timestamp
    if (Math.abs(age) > tolerance) {
      throw new WebhookError(
        'outside-tolerance',
        `The signature is ${Math.abs(age)} s ${age > 0 ? 'old' : 'in the future'}, outside the ${tolerance} s ` +
          'replay window. A replayed delivery, or a clock that is off: check the server clock (NTP).',
      )
    }
    return { timestamp, payload: typeof rawBody === 'string' ? rawBody : decoder.decode(body) }
  }
}

// One HMAC per key, compared with every signature: during a rotation the sender signs with each secret it holds
// (one v1 each), and the receiver may hold the old secret, the new one, or both. The cost is the number of
// secrets, never the number of signatures a (forged) header holds.
async function anyMatches(
  keys: readonly CryptoKey[],
  signatures: readonly Uint8Array<ArrayBuffer>[],
  content: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  for (const key of keys) {
    const expected = await hmac(key, content)
    let matched = false
    // Every candidate is compared (no early exit), so the time says nothing of which one matched.
    for (const signature of signatures) matched = constantTimeEqual(expected, signature) || matched
    if (matched) return true
  }
  return false
}

/**
 * Verifies a signed webhook (Stripe's scheme: `t=<unix>,v1=<hex>`, HMAC-SHA256 of `"<t>.<body>"`) and resolves
 * with its timestamp and payload, or rejects with a {@link WebhookError}. Pass the raw body, never a parsed one.
 *
 * @example
 * const body = await request.text()
 * const { payload } = await verifyWebhook(body, request.headers.get('stripe-signature'), secret)
 * const event = JSON.parse(payload)
 */
export function verifyWebhook(
  rawBody: RawBody,
  signatureHeader: string | null | undefined,
  secret: Secrets,
  options: VerifyOptions = {},
): Promise<VerifiedWebhook> {
  return createVerifier(secret, options)(rawBody, signatureHeader)
}
