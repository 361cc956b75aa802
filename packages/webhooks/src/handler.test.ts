import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebhookEvent } from './event.js'
import { createWebhookHandler, type WebhookResult } from './handler.js'
import { memoryStore } from './memory-store.js'
import { signWebhook } from './sign.js'

const SECRET = 'whsec_handler_test'
const URL_ = 'https://shop.example/webhooks/stripe'

function event(id: string, type = 'payment_intent.succeeded') {
  return JSON.stringify({ id, type, data: { object: { id: `pi_${id}` } } })
}

async function delivery(
  body: string,
  init: { secret?: string; timestamp?: number; header?: string | null } = {},
) {
  const timestamp = init.timestamp ?? Math.floor(Date.now() / 1000)
  const header =
    init.header === undefined ? await signWebhook(body, init.secret ?? SECRET, { timestamp }) : init.header
  const headers = new Headers({ 'content-type': 'application/json' })
  if (header !== null) headers.set('stripe-signature', header)
  return new Request(URL_, { method: 'POST', body, headers })
}

function setup(handle: (event: WebhookEvent) => unknown = () => undefined) {
  const handled: string[] = []
  const results: WebhookResult[] = []
  const handler = createWebhookHandler({
    secret: SECRET,
    handle: async (e) => {
      handled.push(e.id)
      await handle(e)
    },
    onResult: (result) => results.push(result),
  })
  return { handler, handled, results }
}

describe('createWebhookHandler', () => {
  it('handles a verified event and answers 200 with its id', async () => {
    const { handler, handled, results } = setup()
    const response = await handler(await delivery(event('evt_1')))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ outcome: 'handled', id: 'evt_1' })
    expect(handled).toEqual(['evt_1'])
    expect(results.map((r) => r.outcome)).toEqual(['handled'])
  })

  it('gives handle the parsed event and the verified timestamp and payload', async () => {
    const handle = vi.fn()
    const handler = createWebhookHandler({ secret: SECRET, handle })
    const body = event('evt_1')
    await handler(await delivery(body, { timestamp: Math.floor(Date.now() / 1000) }))
    expect(handle).toHaveBeenCalledOnce()
    const [received, context] = handle.mock.calls[0] ?? []
    expect(received).toEqual(JSON.parse(body))
    expect(context).toMatchObject({ payload: body, timestamp: Math.floor(Date.now() / 1000) })
    expect(context.request).toBeInstanceOf(Request)
  })

  it('acknowledges a duplicate with 200 and does not handle it again', async () => {
    const { handler, handled } = setup()
    await handler(await delivery(event('evt_1')))
    // A redelivery is re-signed: a new signature, same event id.
    const again = await handler(
      await delivery(event('evt_1'), { timestamp: Math.floor(Date.now() / 1000) + 1 }),
    )
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ outcome: 'duplicate', id: 'evt_1' })
    expect(handled).toEqual(['evt_1'])
  })

  it('answers 500 when handle throws, and handles the redelivery', async () => {
    let fail = true
    const { handler, handled, results } = setup(() => {
      if (fail) throw new Error('db down: password=hunter2')
    })
    const first = await handler(await delivery(event('evt_1')))
    expect(first.status).toBe(500)
    const body = await first.text()
    expect(body).not.toContain('hunter2')
    expect(JSON.parse(body)).toMatchObject({ outcome: 'failed', id: 'evt_1' })
    const failed = results[0]
    expect(failed?.outcome === 'failed' && failed.error).toBeInstanceOf(Error)

    fail = false
    const second = await handler(await delivery(event('evt_1')))
    expect(second.status).toBe(200)
    expect(handled).toEqual(['evt_1', 'evt_1'])
  })

  it('runs handle once for concurrent deliveries of one event; the others get 409 with Retry-After', async () => {
    let finish = () => {}
    const gate = new Promise<void>((resolve) => {
      finish = resolve
    })
    const { handler, handled } = setup(() => gate)
    const first = handler(await delivery(event('evt_1')))
    await expect.poll(() => handled.length).toBe(1)
    const others = await Promise.all([1, 2, 3].map(async () => handler(await delivery(event('evt_1')))))
    for (const response of others) {
      expect(response.status).toBe(409)
      expect(response.headers.get('retry-after')).toBe('5')
      expect(await response.json()).toMatchObject({ outcome: 'in-progress', id: 'evt_1' })
    }
    finish()
    expect((await first).status).toBe(200)
    expect(handled).toEqual(['evt_1'])
  })

  it('lets a retried concurrent delivery take over when the first one failed', async () => {
    let reject = (_error: Error) => {}
    const gate = new Promise<void>((_resolve, rejectGate) => {
      reject = rejectGate
    })
    let calls = 0
    const { handler } = setup(() => (++calls === 1 ? gate : undefined))
    const first = handler(await delivery(event('evt_1')))
    await expect.poll(() => calls).toBe(1)
    expect((await handler(await delivery(event('evt_1')))).status).toBe(409)
    reject(new Error('boom'))
    expect((await first).status).toBe(500)
    expect((await handler(await delivery(event('evt_1')))).status).toBe(200)
    expect(calls).toBe(2)
  })

  it.each([
    ['no signature header', () => delivery(event('evt_1'), { header: null }), 'missing-header'],
    ['a malformed header', () => delivery(event('evt_1'), { header: 'v1=abc' }), 'malformed-header'],
    ['a wrong secret', () => delivery(event('evt_1'), { secret: 'whsec_attacker' }), 'no-matching-signature'],
    [
      'a late delivery',
      () => delivery(event('evt_1'), { timestamp: Math.floor(Date.now() / 1000) - 301 }),
      'outside-tolerance',
    ],
    ['an empty body', () => delivery(''), 'invalid-body'],
    ['a body that is not JSON', () => delivery('id=evt_1&type=x'), 'invalid-payload'],
    ['JSON without an id', () => delivery(JSON.stringify({ type: 'x' })), 'invalid-payload'],
    ['JSON without a type', () => delivery(JSON.stringify({ id: 'evt_1' })), 'invalid-payload'],
    ['a JSON array', () => delivery('[]'), 'invalid-payload'],
  ])('refuses %s with 400 and the reason, handling nothing', async (_name, make, code) => {
    const { handler, handled, results } = setup()
    const response = await handler(await make())
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body).toMatchObject({ outcome: 'refused', error: code })
    expect(body.message).toEqual(expect.any(String))
    expect(JSON.stringify(body)).not.toContain(SECRET)
    expect(handled).toEqual([])
    expect(results).toMatchObject([{ outcome: 'refused', status: 400, error: { code } }])
  })

  it('does not claim a refused event: a genuine delivery of the same id afterwards is handled', async () => {
    const { handler, handled } = setup()
    await handler(await delivery(event('evt_1'), { secret: 'whsec_attacker' }))
    expect((await handler(await delivery(event('evt_1')))).status).toBe(200)
    expect(handled).toEqual(['evt_1'])
  })

  it('answers 500 and handles nothing when the store cannot claim; 200 when only completion fails', async () => {
    const handle = vi.fn()
    const broken = createWebhookHandler({
      secret: SECRET,
      handle,
      store: {
        claim: () => Promise.reject(new Error('store offline')),
        complete: () => Promise.resolve(),
        release: () => Promise.resolve(),
      },
    })
    expect((await broken(await delivery(event('evt_1')))).status).toBe(500)
    expect(handle).not.toHaveBeenCalled()

    const results: WebhookResult[] = []
    const store = memoryStore()
    const halfBroken = createWebhookHandler({
      secret: SECRET,
      handle,
      onResult: (r) => results.push(r),
      store: { ...store, complete: () => Promise.reject(new Error('write failed')) },
    })
    expect((await halfBroken(await delivery(event('evt_2')))).status).toBe(200)
    expect(handle).toHaveBeenCalledOnce()
    expect(results[0]).toMatchObject({ outcome: 'handled', storeError: expect.any(Error) })
  })

  it('takes the replay window, the clock, the header name and Retry-After from its options', async () => {
    const now = () => 1_800_000_000_000
    let started = () => {}
    const running = new Promise<void>((resolve) => {
      started = resolve
    })
    const handler = createWebhookHandler({
      secret: SECRET,
      // Starts, then never finishes: the delivery after it finds the event in progress.
      handle: () => {
        started()
        return new Promise(() => {})
      },
      tolerance: 60,
      now,
      signatureHeader: 'x-signature',
      retryAfterSeconds: 30,
    })
    const body = event('evt_1')
    const sign = (t: number) => signWebhook(body, SECRET, { timestamp: t })
    const post = async (t: number) =>
      handler(new Request(URL_, { method: 'POST', body, headers: { 'x-signature': await sign(t) } }))
    expect((await (await post(1_800_000_000 - 61)).json()).error).toBe('outside-tolerance')
    void post(1_800_000_000 - 60)
    await running
    const concurrent = await post(1_800_000_000)
    expect(concurrent.status).toBe(409)
    expect(concurrent.headers.get('retry-after')).toBe('30')
  })
})

/** A request body that counts what the handler pulls from it: `chunks` of `size` bytes, then (or never) the end. */
function countedBody(chunks: number, size: number, end = true) {
  const pulled = { bytes: 0, cancelled: false }
  let sent = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) {
        if (end) controller.close()
        return end ? undefined : new Promise<void>(() => {})
      }
      sent++
      pulled.bytes += size
      controller.enqueue(new Uint8Array(size).fill(0x20))
    },
    cancel() {
      pulled.cancelled = true
    },
  })
  return { stream, pulled }
}

function streamed(stream: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  // `duplex` is needed to send a stream, and missing from the DOM types.
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body: stream, headers, duplex: 'half' }
  return new Request(URL_, init)
}

describe('createWebhookHandler: cost of a hostile request', () => {
  it.each([
    ['no signature header', {}, 'missing-header'],
    ['a malformed signature header', { 'stripe-signature': 'v1=nothex' }, 'malformed-header'],
  ])('refuses %s with 400 before reading a byte of the body', async (_name, headers, code) => {
    const { handler, handled } = setup()
    // A body that never ends: a handler that read it first would never answer.
    const { stream, pulled } = countedBody(1, 1024, false)
    const response = await handler(streamed(stream, headers))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ outcome: 'refused', error: code })
    expect(pulled.bytes).toBeLessThanOrEqual(1024)
    expect(handled).toEqual([])
  })

  it('answers 413 to a body over maxBodyBytes and stops reading it', async () => {
    const results: WebhookResult[] = []
    const handler = createWebhookHandler({
      secret: SECRET,
      handle: () => undefined,
      maxBodyBytes: 64 * 1024,
      onResult: (result) => results.push(result),
    })
    const header = await signWebhook(event('evt_big'), SECRET)
    const { stream, pulled } = countedBody(1000, 16 * 1024)
    const response = await handler(streamed(stream, { 'stripe-signature': header }))
    expect(response.status).toBe(413)
    const answer = await response.json()
    expect(answer).toMatchObject({ outcome: 'refused', error: 'body-too-large' })
    expect(answer.message).toMatch(/larger than maxBodyBytes \(65536 bytes\)/)
    expect(pulled.bytes).toBeLessThanOrEqual(96 * 1024)
    expect(pulled.cancelled).toBe(true)
    expect(results).toMatchObject([{ outcome: 'refused', status: 413, error: { code: 'body-too-large' } }])
  })

  it('answers 413 from a Content-Length over the cap without reading the body', async () => {
    const handler = createWebhookHandler({ secret: SECRET, handle: () => undefined })
    const header = await signWebhook(event('evt_big'), SECRET)
    const { stream, pulled } = countedBody(1, 1024, false)
    const request = streamed(stream, {
      'stripe-signature': header,
      'content-length': String(2 * 1024 * 1024),
    })
    const response = await handler(request)
    expect(response.status).toBe(413)
    expect(pulled.bytes).toBeLessThanOrEqual(1024)
  })

  it('accepts a body of exactly maxBodyBytes (1 MiB by default)', async () => {
    const { handler, handled } = setup()
    const base = event('evt_edge')
    const body = base.replace('"data"', `"pad":"${'x'.repeat(1024 * 1024 - base.length - 9)}","data"`)
    expect(new TextEncoder().encode(body).length).toBe(1024 * 1024)
    expect((await handler(await delivery(body))).status).toBe(200)
    expect(handled).toEqual(['evt_edge'])
  })

  it('refuses a maxBodyBytes that is not a positive whole number of bytes', () => {
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => createWebhookHandler({ secret: SECRET, handle: () => undefined, maxBodyBytes })).toThrow(
        /maxBodyBytes must be a positive whole number of bytes/,
      )
    }
  })

  it('answers by the outcome when onResult throws: the event was handled, and is not handled again', async () => {
    const handled: string[] = []
    const handler = createWebhookHandler({
      secret: SECRET,
      handle: (e) => void handled.push(e.id),
      onResult: () => {
        throw new Error('bug in the logger')
      },
    })
    const first = await handler(await delivery(event('evt_1')))
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ outcome: 'handled', id: 'evt_1' })
    expect((await handler(await delivery(event('evt_1')))).status).toBe(200)
    expect(handled).toEqual(['evt_1'])
  })
})

describe('createWebhookHandler with fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_800_000_000_000 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('refuses a delivery replayed after the window although its signature is genuine', async () => {
    const { handler, handled } = setup()
    const captured = await delivery(event('evt_1'))
    const replay = captured.clone()
    expect((await handler(captured)).status).toBe(200)
    vi.advanceTimersByTime(301_000)
    const response = await handler(replay)
    expect(response.status).toBe(400)
    expect((await response.json()).error).toBe('outside-tolerance')
    expect(handled).toEqual(['evt_1'])
  })
})
