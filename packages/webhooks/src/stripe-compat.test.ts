// Ferry against the real provider library: what stripe-node signs, Ferry verifies, and the reverse. Both sides
// run here without network (these stripe functions are pure crypto).
import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { isWebhookError } from './errors.js'
import { signWebhook } from './sign.js'
import { verifyWebhook } from './verify.js'

const stripe = new Stripe('sk_test_not_used_offline')
const SECRET = 'whsec_5f0c0fd7c1b94c2ab1b0a1d2e3f4a5b6'
const payload = JSON.stringify(
  {
    id: 'evt_3Q',
    object: 'event',
    type: 'payment_intent.succeeded',
    data: { object: { id: 'pi_1', amount: 2000 } },
  },
  null,
  2,
)

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => 'resolved',
    (e: unknown) => e,
  )
  return isWebhookError(error) ? error.code : String(error)
}

describe('stripe → Ferry: what stripe.webhooks.generateTestHeaderString signs, verifyWebhook accepts', () => {
  it('accepts a fresh header for the exact payload', async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET })
    const { payload: verified } = await verifyWebhook(payload, header, SECRET)
    expect(JSON.parse(verified)).toMatchObject({ id: 'evt_3Q', type: 'payment_intent.succeeded' })
  })

  it('accepts the same header with the body as bytes (a Buffer is a Uint8Array)', async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET })
    await expect(verifyWebhook(Buffer.from(payload), header, SECRET)).resolves.toMatchObject({ payload })
  })

  it('refuses a tampered body, a wrong secret and an old timestamp', async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET })
    expect(await codeOf(verifyWebhook(payload.replace('2000', '20'), header, SECRET))).toBe(
      'no-matching-signature',
    )
    expect(await codeOf(verifyWebhook(payload, header, 'whsec_wrong'))).toBe('no-matching-signature')
    const old = stripe.webhooks.generateTestHeaderString({
      payload,
      secret: SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    })
    expect(await codeOf(verifyWebhook(payload, old, SECRET))).toBe('outside-tolerance')
  })

  it('accepts a stripe header during a rotation when the receiver holds the new and the old secret', async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_old' })
    await expect(verifyWebhook(payload, header, ['whsec_new', 'whsec_old'])).resolves.toMatchObject({
      payload,
    })
  })
})

describe('Ferry → stripe: what signWebhook signs, stripe.webhooks.constructEvent accepts', () => {
  it('constructs the event from a Ferry-signed payload', async () => {
    const header = await signWebhook(payload, SECRET)
    const event = stripe.webhooks.constructEvent(payload, header, SECRET)
    expect(event.id).toBe('evt_3Q')
    expect(event.type).toBe('payment_intent.succeeded')
  })

  it('accepts a header with one v1 per secret (a rotation) against either secret', async () => {
    const header = await signWebhook(payload, ['whsec_new', 'whsec_old'])
    expect(stripe.webhooks.constructEvent(payload, header, 'whsec_old').id).toBe('evt_3Q')
    expect(stripe.webhooks.constructEvent(payload, header, 'whsec_new').id).toBe('evt_3Q')
  })

  it('rejects what Ferry rejects: a tampered body, a wrong secret, an old timestamp', async () => {
    const header = await signWebhook(payload, SECRET)
    expect(() => stripe.webhooks.constructEvent(`${payload}\n`, header, SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    )
    expect(() => stripe.webhooks.constructEvent(payload, header, 'whsec_wrong')).toThrow(
      /No signatures found/,
    )
    const old = await signWebhook(payload, SECRET, { timestamp: Math.floor(Date.now() / 1000) - 301 })
    expect(() => stripe.webhooks.constructEvent(payload, old, SECRET)).toThrow(
      /Timestamp outside the tolerance/,
    )
  })

  it('produces byte-for-byte the header stripe produces for the same payload, secret and timestamp', async () => {
    const timestamp = 1_700_000_000
    const ours = await signWebhook(payload, SECRET, { timestamp })
    expect(ours).toBe(stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp }))
  })
})
