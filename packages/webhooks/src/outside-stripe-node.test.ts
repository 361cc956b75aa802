// Cases ported from stripe-node's own webhook suite (test/Webhook.spec.ts), run against Ferry with the real
// `stripe` package signing where the case needs a provider's header. Each case names the stripe-node test it
// comes from. Standard Webhooks / Svix / GitHub cases are not here: Ferry promises Stripe's scheme only.
import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import { isWebhookError, type WebhookError } from './errors.js'
import { createWebhookHandler, type WebhookResult } from './handler.js'
import { signWebhook } from './sign.js'
import { verifyWebhook } from './verify.js'

const stripe = new Stripe('sk_test_not_used_offline')
const SECRET = 'whsec_test_secret'

async function rejection(promise: Promise<unknown>): Promise<WebhookError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isWebhookError(error)) throw new Error(`expected a WebhookError, got ${String(error)}`)
  return error
}

describe('stripe-node Webhook.spec, ported', () => {
  // 'should return an Event instance from a payload and header with type Buffer' and '… type Uint8Array',
  // with a payload whose bytes differ from its UTF-16 text (multi-byte characters, an emoji, CRLF, U+2028).
  it('verifies the exact bytes stripe signed, given as a string, Buffer, Uint8Array or ArrayBuffer', async () => {
    const payload = `${JSON.stringify({ id: 'evt_test_webhook', type: 'x', note: 'é ✓ 😀 日本 \u2028' }, null, 2)}\r\n`
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET })
    const bytes = new TextEncoder().encode(payload)
    for (const raw of [payload, Buffer.from(payload), bytes, bytes.slice().buffer]) {
      await expect(verifyWebhook(raw, header, SECRET)).resolves.toMatchObject({ payload })
    }
    // The same text re-encoded differently is not the signed bytes.
    const latin1 = Buffer.from(payload, 'latin1')
    expect((await rejection(verifyWebhook(latin1, header, SECRET))).code).toBe('no-matching-signature')
  })

  // 'should raise a SignatureVerificationError when the timestamp is not within the tolerance of the provided
  // timestamp' and 'should return true when … within the tolerance of the provided timestamp'
  it('applies a configured window to stripe headers against an injected clock', async () => {
    const receivedAt = 20_000_000
    const sign = (timestamp: number) =>
      stripe.webhooks.generateTestHeaderString({ payload: '{"id":"evt_1"}', secret: SECRET, timestamp })
    const options = { tolerance: 10, now: () => receivedAt }
    const late = await rejection(
      verifyWebhook('{"id":"evt_1"}', sign(receivedAt / 1000 - 15), SECRET, options),
    )
    expect(late.code).toBe('outside-tolerance')
    expect(late.message).toMatch(/15 s old, outside the 10 s replay window/)
    await expect(
      verifyWebhook('{"id":"evt_1"}', sign(receivedAt / 1000 - 9), SECRET, options),
    ).resolves.toMatchObject({ timestamp: receivedAt / 1000 - 9 })
  })

  // 'should raise a SignatureVerificationError when the signing secret contains whitespace': a secret read from
  // an env file or a mounted secret often ends in a newline, and then every delivery fails.
  it('says that the secret holds whitespace when no signature matches, without echoing the secret', async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: '{"id":"evt_1"}', secret: SECRET })
    for (const secret of [`${SECRET}\n`, ` ${SECRET}`, ['whsec_other', `${SECRET} `]]) {
      const error = await rejection(verifyWebhook('{"id":"evt_1"}', header, secret))
      expect(error.code).toBe('no-matching-signature')
      expect(error.message).toMatch(/secret contains whitespace .*newline or space/)
      expect(error.message).not.toContain(SECRET)
    }
    // A clean secret is not told about whitespace.
    const wrong = await rejection(verifyWebhook('{"id":"evt_1"}', header, 'whsec_other'))
    expect(wrong.message).not.toMatch(/whitespace/)
  })

  // 'should error if you pass a signature which is an array, even though our types say you can' (and the
  // header given as a Buffer): a JavaScript caller, or a framework's `string | string[]` header type, gets a
  // WebhookError that says what to pass, not a TypeError from inside the parser.
  it('refuses a signature header that is not a string with malformed-header and what to pass', async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: '{"id":"evt_1"}', secret: SECRET })
    for (const [value, what] of [
      [[header], /got an array/],
      [Buffer.from(header), /got a value of type object/],
      [42, /got a value of type number/],
    ] as const) {
      // The runtime check exists for JavaScript callers; the types already forbid these values.
      const error = await rejection(
        Reflect.apply(verifyWebhook, undefined, ['{"id":"evt_1"}', value, SECRET]),
      )
      expect(error.code).toBe('malformed-header')
      expect(error.message).toMatch(what)
      expect(error.message).toMatch(/one string/)
    }
  })

  // 'should raise a SignatureVerificationError when payload is of an unknown type' ("Payload was provided as a
  // parsed JavaScript object"), for the Request handler: a middleware that called request.json() first leaves
  // it nothing to verify, and the provider should be told so instead of the handler rejecting.
  it('answers a request whose body was already read with 400 invalid-body that says why', async () => {
    const payload = JSON.stringify({ id: 'evt_read', type: 'payment_intent.succeeded' })
    const results: WebhookResult[] = []
    const handled: string[] = []
    const handler = createWebhookHandler({
      secret: SECRET,
      handle: (event) => void handled.push(event.id),
      onResult: (result) => results.push(result),
    })
    const request = () =>
      new Request('https://shop.example/webhooks', {
        method: 'POST',
        body: payload,
        headers: {
          'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }),
        },
      })
    const read = request()
    await read.json()
    const locked = request()
    locked.body?.getReader()
    for (const consumed of [read, locked]) {
      const response = await handler(consumed)
      expect(response.status).toBe(400)
      const answer = await response.json()
      expect(answer).toMatchObject({ outcome: 'refused', error: 'invalid-body' })
      expect(answer.message).toMatch(/already read/)
    }
    expect(results.map((r) => r.outcome)).toEqual(['refused', 'refused'])
    // The untouched delivery is handled: nothing was claimed by the refused ones.
    expect((await handler(request())).status).toBe(200)
    expect(handled).toEqual(['evt_read'])
  })

  // '.generateTestHeaderString … should use provided timestamp when given': the timestamp is Unix seconds, and
  // Date.now() (milliseconds) is the easy mistake. signWebhook must not make a header its own verifier calls
  // "no timestamp"; a header with a millisecond t says so.
  it('refuses a millisecond timestamp when signing, and names one in a received header', async () => {
    const payload = JSON.stringify({ id: 'evt_ms', type: 'x' })
    const ms = Date.now()
    await expect(signWebhook(payload, SECRET, { timestamp: ms })).rejects.toThrow(
      /Unix seconds, not milliseconds/,
    )
    const secondsHeader = await signWebhook(payload, SECRET, { timestamp: Math.floor(ms / 1000) })
    const header = secondsHeader.replace(/^t=\d+/, `t=${ms}`)
    const error = await rejection(verifyWebhook(payload, header, SECRET))
    expect(error.code).toBe('malformed-header')
    expect(error.message).toMatch(/milliseconds/)
  })
})
