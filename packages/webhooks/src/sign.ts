import { hmac, importHmacKey, type Secrets, secretList, signedContent } from './hmac.js'
import { bytesOf, type RawBody } from './raw-body.js'
import { bytesToHex } from './signature-header.js'

/** Options of {@link signWebhook}. */
export interface SignOptions {
  /** The Unix time in seconds to sign at. Default: now. */
  readonly timestamp?: number
}

/**
 * Signs a payload the way Stripe does and returns the signature header (`t=…,v1=…`), one `v1` per secret.
 * For tests and mock providers.
 *
 * @example
 * const payload = JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded' })
 * const header = await signWebhook(payload, 'whsec_test')
 * await fetch('/webhooks', { method: 'POST', body: payload, headers: { 'stripe-signature': header } })
 */
export async function signWebhook(
  payload: RawBody,
  secret: Secrets,
  options: SignOptions = {},
): Promise<string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000)
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError(`signWebhook: timestamp must be whole Unix seconds, got ${timestamp}.`)
  }
  // 13 digits and up is Date.now() passed as is; the verifier reads at most 12 (seconds until the year 33658).
  if (timestamp >= 1e12) {
    throw new TypeError(
      `signWebhook: timestamp must be whole Unix seconds, not milliseconds (Math.floor(Date.now() / 1000)), got ${timestamp}.`,
    )
  }
  const content = signedContent(timestamp, bytesOf(payload))
  const signatures = await Promise.all(
    secretList(secret, 'signWebhook').map(
      async (s) => `v1=${bytesToHex(await hmac(await importHmacKey(s), content))}`,
    ),
  )
  return [`t=${timestamp}`, ...signatures].join(',')
}
