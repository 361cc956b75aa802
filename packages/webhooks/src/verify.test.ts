import { describe, expect, it } from 'vitest'
import { isWebhookError, type WebhookError } from './errors.js'
import { signWebhook } from './sign.js'
import { createVerifier, verifyWebhook } from './verify.js'

const SECRET = 'whsec_test_secret_value'
const OTHER = 'whsec_other_secret_value'
const NOW_S = 1_800_000_000
const now = () => NOW_S * 1000
const body = JSON.stringify({
  id: 'evt_1',
  type: 'payment_intent.succeeded',
  data: { amount: 1299, note: 'é ✓' },
})

async function rejection(promise: Promise<unknown>): Promise<WebhookError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isWebhookError(error)) throw new Error(`expected a WebhookError, got ${String(error)}`)
  return error
}

describe('verifyWebhook', () => {
  it('accepts a body signed with the secret and returns its timestamp and text', async () => {
    const header = await signWebhook(body, SECRET, { timestamp: NOW_S })
    await expect(verifyWebhook(body, header, SECRET, { now })).resolves.toEqual({
      timestamp: NOW_S,
      payload: body,
    })
  })

  it('accepts the body as a string, a Uint8Array or an ArrayBuffer', async () => {
    const header = await signWebhook(body, SECRET, { timestamp: NOW_S })
    const bytes = new TextEncoder().encode(body)
    for (const raw of [body, bytes, bytes.slice().buffer]) {
      await expect(verifyWebhook(raw, header, SECRET, { now })).resolves.toMatchObject({ payload: body })
    }
  })

  it('refuses a tampered body, a changed byte or re-serialised JSON', async () => {
    const header = await signWebhook(body, SECRET, { timestamp: NOW_S })
    const tampered = body.replace('1299', '1')
    const reserialised = JSON.stringify(JSON.parse(body), null, 2)
    for (const raw of [tampered, reserialised, `${body} `]) {
      const error = await rejection(verifyWebhook(raw, header, SECRET, { now }))
      expect(error.code).toBe('no-matching-signature')
    }
  })

  it('refuses a signature made with another secret, without echoing either secret', async () => {
    const header = await signWebhook(body, OTHER, { timestamp: NOW_S })
    const error = await rejection(verifyWebhook(body, header, SECRET, { now }))
    expect(error.code).toBe('no-matching-signature')
    expect(error.message).toMatch(/secret belongs to this endpoint/)
    expect(error.message).not.toContain(SECRET)
    expect(error.message).not.toContain('whsec_')
  })

  it('refuses a signature whose timestamp was changed after signing', async () => {
    const header = await signWebhook(body, SECRET, { timestamp: NOW_S })
    const moved = header.replace(`t=${NOW_S}`, `t=${NOW_S + 1}`)
    expect((await rejection(verifyWebhook(body, moved, SECRET, { now }))).code).toBe('no-matching-signature')
  })

  it('accepts a header with several v1 when any one matches', async () => {
    const header = await signWebhook(body, [OTHER, SECRET], { timestamp: NOW_S })
    expect(header.match(/v1=/g)).toHaveLength(2)
    await expect(verifyWebhook(body, header, SECRET, { now })).resolves.toMatchObject({ timestamp: NOW_S })
  })

  it('rotates secrets: a receiver holding old and new accepts deliveries signed with either', async () => {
    const receiver = createVerifier(['whsec_new', 'whsec_old'], { now })
    for (const secret of ['whsec_old', 'whsec_new']) {
      const header = await signWebhook(body, secret, { timestamp: NOW_S })
      await expect(receiver(body, header)).resolves.toMatchObject({ payload: body })
    }
    const header = await signWebhook(body, 'whsec_retired', { timestamp: NOW_S })
    expect((await rejection(receiver(body, header))).code).toBe('no-matching-signature')
  })

  it.each([
    ['exactly at the edge of the window', NOW_S - 300, true],
    ['one second past it', NOW_S - 301, false],
    ['from the future within the window', NOW_S + 300, true],
    ['too far in the future', NOW_S + 301, false],
  ])('checks the default 300 s window: a signature %s', async (_name, timestamp, accepted) => {
    const header = await signWebhook(body, SECRET, { timestamp })
    const result = verifyWebhook(body, header, SECRET, { now })
    if (accepted) await expect(result).resolves.toMatchObject({ timestamp })
    else expect((await rejection(result)).code).toBe('outside-tolerance')
  })

  it('says how old a late delivery is and takes a configured window', async () => {
    const header = await signWebhook(body, SECRET, { timestamp: NOW_S - 600 })
    const error = await rejection(verifyWebhook(body, header, SECRET, { now }))
    expect(error.message).toMatch(/600 s old, outside the 300 s replay window/)
    await expect(verifyWebhook(body, header, SECRET, { now, tolerance: 900 })).resolves.toBeDefined()
    await expect(verifyWebhook(body, header, SECRET, { now, tolerance: Infinity })).resolves.toBeDefined()
  })

  it('checks the signature before the window: a forged old delivery is a bad signature, not a late one', async () => {
    const header = await signWebhook(body, OTHER, { timestamp: NOW_S - 3600 })
    expect((await rejection(verifyWebhook(body, header, SECRET, { now }))).code).toBe('no-matching-signature')
  })

  it('uses the real clock by default', async () => {
    const header = await signWebhook(body, SECRET)
    await expect(verifyWebhook(body, header, SECRET)).resolves.toMatchObject({ payload: body })
  })

  it.each([
    ['a parsed object', JSON.parse(body), /an object \(a parsed JSON body\?\)/],
    ['an array', [1, 2], /an array/],
    ['null', null, /got null/],
    ['a number', 42, /type number/],
  ])('refuses %s instead of the raw body and says how to get it', async (_name, raw, what) => {
    const header = await signWebhook(body, SECRET, { timestamp: NOW_S })
    // The runtime check exists for JavaScript callers and `any`-typed bodies; the types already forbid it.
    const error = await rejection(Reflect.apply(verifyWebhook, undefined, [raw, header, SECRET, { now }]))
    expect(error.code).toBe('invalid-body')
    expect(error.message).toMatch(what)
    expect(error.message).toMatch(/request\.text\(\).*express\.raw/)
  })

  it('reports missing and malformed headers with their codes', async () => {
    expect((await rejection(verifyWebhook(body, null, SECRET))).code).toBe('missing-header')
    expect((await rejection(verifyWebhook(body, 't=1', SECRET))).code).toBe('malformed-header')
  })

  it('refuses an empty secret list or a negative tolerance as a configuration TypeError', () => {
    expect(() => createVerifier([])).toThrow(TypeError)
    expect(() => createVerifier('')).toThrow(/no signing secret/)
    expect(() => createVerifier(SECRET, { tolerance: -1 })).toThrow(/tolerance must be a number of seconds/)
  })
})
