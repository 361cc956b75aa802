/**
 * Why a delivery was refused:
 * - `missing-header`: no signature header was sent.
 * - `malformed-header`: the header is not `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`.
 * - `no-matching-signature`: no `v1` signature matches the body with any of the secrets (wrong secret, a body
 *   changed on the way — re-serialised JSON included — or a forged delivery).
 * - `outside-tolerance`: the signature is genuine but its timestamp is outside the replay window.
 * - `invalid-body`: the body is not raw bytes or text (a parsed object), or it is empty.
 * - `body-too-large`: the body is larger than the handler's `maxBodyBytes` (answered 413).
 * - `invalid-payload`: the signed body is not a JSON object with a string `id` and `type`.
 */
export type WebhookErrorCode =
  | 'missing-header'
  | 'malformed-header'
  | 'no-matching-signature'
  | 'outside-tolerance'
  | 'invalid-body'
  | 'body-too-large'
  | 'invalid-payload'

// A registered symbol, so the guard recognises errors thrown by another copy of this package.
const BRAND = Symbol.for('ferry.webhook-error')

/**
 * A delivery that cannot be trusted or used. Switch on `code`; `message` says what to do and never holds a secret.
 *
 * @example
 * try { await verifyWebhook(body, header, secret) } catch (error) {
 *   if (isWebhookError(error) && error.code === 'outside-tolerance') console.warn(error.message)
 * }
 */
export class WebhookError extends Error {
  override readonly name = 'WebhookError'
  readonly [BRAND] = true
  readonly code: WebhookErrorCode

  constructor(code: WebhookErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

/**
 * Whether `error` is a {@link WebhookError}, also when thrown by another copy of `@ferry/webhooks`.
 *
 * @example
 * if (isWebhookError(error)) return new Response(error.code, { status: 400 })
 */
export function isWebhookError(error: unknown): error is WebhookError {
  return typeof error === 'object' && error !== null && BRAND in error
}
