// A plain Node ESM program using the installed @ferry/webhooks (run only when that package is packed): a signed
// delivery is handled, the same delivery again is acknowledged without running the handler, a tampered one is
// refused with a 400.
import assert from 'node:assert/strict'
import { createWebhookHandler, signWebhook } from '@ferry/webhooks'

const secret = 'whsec_consumer_test'
const handled = []
const handler = createWebhookHandler({ secret, handle: (event) => handled.push(event.id) })
const payload = JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded' })
const deliver = async (body) =>
  handler(
    new Request('http://127.0.0.1/webhooks', {
      method: 'POST',
      body,
      headers: { 'stripe-signature': await signWebhook(payload, secret) },
    }),
  )

assert.equal((await deliver(payload)).status, 200)
assert.equal((await deliver(payload)).status, 200)
assert.deepEqual(handled, ['evt_1'], 'a duplicate delivery does not run the handler again')
assert.equal((await deliver(payload.replace('evt_1', 'evt_2'))).status, 400, 'a tampered body is refused')
console.log('node-webhooks: verified once, duplicate acknowledged, tampered body refused')
