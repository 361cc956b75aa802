import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isWebhookError, type WebhookError } from './errors.js'
import { signWebhook } from './sign.js'
import { createVerifier, verifyWebhook } from './verify.js'

afterEach(() => {
  vi.restoreAllMocks()
})

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

  it('refuses an empty body, in every form, with a reason', async () => {
    const header = await signWebhook('', SECRET, { timestamp: NOW_S })
    for (const raw of ['', new Uint8Array(0), new ArrayBuffer(0)]) {
      const error = await rejection(verifyWebhook(raw, header, SECRET, { now }))
      expect(error.code).toBe('invalid-body')
      expect(error.message).toMatch(/body is empty/)
    }
  })

  it('accepts a Buffer, typed array or ArrayBuffer from another realm (a vm context, another copy)', async () => {
    const header = await signWebhook(body, SECRET, { timestamp: NOW_S })
    const bytes = Array.from(new TextEncoder().encode(body))
    const foreign: unknown[] = runInNewContext(
      'const u = new Uint8Array(bytes); [u, u.buffer, new DataView(u.buffer)]',
      { bytes },
    )
    expect(foreign[0] instanceof Uint8Array).toBe(false)
    for (const raw of foreign) {
      const verified = Reflect.apply(verifyWebhook, undefined, [raw, header, SECRET, { now }])
      await expect(verified).resolves.toMatchObject({ payload: body })
    }
    // A Buffer is a view on a slice of a shared pool: only its own bytes count.
    const pooled = Buffer.from(`xx${body}yy`).subarray(2, 2 + Buffer.byteLength(body))
    await expect(verifyWebhook(pooled, header, SECRET, { now })).resolves.toMatchObject({ payload: body })
  })

  it('computes one HMAC per secret, however many v1 signatures the header holds', async () => {
    const genuine = await signWebhook(body, SECRET, { timestamp: NOW_S })
    const forged = Array.from({ length: 10 }, (_, i) => `v1=${String(i).repeat(64)}`).join(',')
    const header = `${genuine.replace(/,v1=.*/, '')},${forged},${genuine.replace(/^t=\d+,/, '')}`
    const receiver = createVerifier([OTHER, SECRET], { now })
    const subtle = globalThis.crypto.subtle
    const sign = vi.spyOn(subtle, 'sign')
    const verify = vi.spyOn(subtle, 'verify')

    await expect(receiver(body, header)).resolves.toMatchObject({ payload: body })
    expect(sign.mock.calls.length + verify.mock.calls.length).toBeLessThanOrEqual(2)
  })

  it('considers the first 16 v1 signatures of a header and ignores the rest', async () => {
    const genuine = await signWebhook(body, SECRET, { timestamp: NOW_S })
    const [t, v1] = genuine.split(',')
    const forged = (n: number) => Array.from({ length: n }, () => `v1=${'0'.repeat(64)}`)
    await expect(
      verifyWebhook(body, [t, ...forged(15), v1].join(','), SECRET, { now }),
    ).resolves.toBeDefined()
    const error = await rejection(verifyWebhook(body, [t, ...forged(16), v1].join(','), SECRET, { now }))
    expect(error.code).toBe('no-matching-signature')
    expect(error.message).toMatch(/16 v1 signature/)
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
