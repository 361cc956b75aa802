// Guarantees that hold whatever the transport does: a `fetch` that ignores its signal (a mock, a polyfill,
// an instrumented wrapper) cannot make a call outlive `timeout` or `totalTimeout`, and what arrives late is
// discarded. Every timer value has one documented meaning. Every request ends with exactly one terminal event.
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createClient } from './client.js'
import { HttpError, TimeoutError } from './errors.js'
import type { FerryEvent } from './events.js'
import { observe } from './observe.js'
import { rateLimit } from './rate-limiter.js'
import { stream } from './stream.js'
import { API, rejection, settle, track, useFakeClock } from './test-support/msw.js'
import { envelope } from './unwrap.js'

useFakeClock()

/** Lets 1 ms pass (a 0 ms backoff sleep is a 1 ms timer, as in Node), then runs what is due. */
async function flush(): Promise<void> {
  await vi.advanceTimersByTimeAsync(1)
  for (let round = 0; round < 3; round++) await vi.advanceTimersByTimeAsync(0)
}

const TERMINAL = new Set(['success', 'error', 'abort'])

/** A `fetch` that never looks at its signal: each call resolves when the test says so, or never. */
function deafFetch() {
  const calls: Array<{ url: string; init: RequestInit; answer: (response: Response) => void }> = []
  const fetch: typeof globalThis.fetch = (input, init = {}) =>
    new Promise((resolve) => {
      calls.push({ url: String(input), init, answer: resolve })
    })
  return { fetch, calls }
}

/** A body that sends `first`, then nothing, ever (it ignores cancellation too). */
function stallingBody(first: string): { body: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first))
    },
    cancel() {
      cancelled = true
    },
  })
  return { body, cancelled: () => cancelled }
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

function observed(options: Parameters<typeof createClient>[0] = {}) {
  const events: FerryEvent[] = []
  const client = createClient({ baseUrl: API, events: observe((event) => events.push(event)), ...options })
  return { client, events, terminal: () => events.filter((event) => TERMINAL.has(event.type)) }
}

describe('a fetch that ignores its signal', () => {
  it('cannot hold a call past `timeout` before the headers: TimeoutError scope attempt', async () => {
    const deaf = deafFetch()
    const result = track(
      createClient({ baseUrl: API, fetch: deaf.fetch, timeout: 1000, retry: false }).get('/x'),
    )
    await vi.advanceTimersByTimeAsync(999)
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toBeInstanceOf(TimeoutError)
    expect(result.error).toMatchObject({ scope: 'attempt', timeoutMs: 1000, attempts: 1 })
  })

  it('cannot hold a call past `totalTimeout`, retries included', async () => {
    const deaf = deafFetch()
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const client = createClient({ baseUrl: API, fetch: deaf.fetch, timeout: 1000, totalTimeout: 1500 })
    const result = track(client.get('/x'))
    await vi.advanceTimersByTimeAsync(1499)
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'total', timeoutMs: 1500, attempts: 2 })
    expect(deaf.calls.length).toBeGreaterThanOrEqual(2)
  })

  it('discards a response that arrives after the attempt timed out, and cancels its body', async () => {
    const deaf = deafFetch()
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const client = createClient({ baseUrl: API, fetch: deaf.fetch, timeout: 1000 })
    const result = track(client.get('/x'))
    await vi.advanceTimersByTimeAsync(1000)
    // The first attempt timed out and a second one is in flight; now the first one's answer arrives.
    await flush()
    expect(deaf.calls).toHaveLength(2)
    const late = stallingBody('{"late":')
    deaf.calls[0]?.answer(new Response(late.body, { headers: { 'content-type': 'application/json' } }))
    await vi.advanceTimersByTimeAsync(0)
    expect(late.cancelled()).toBe(true)
    expect(result.settled).toBe(false)
    deaf.calls[1]?.answer(json({ fresh: true }))
    await result.done
    expect(result.value).toEqual({ fresh: true })
  })

  it('cannot stall the body past `timeout`, and the call reports the true attempt count', async () => {
    const deaf = deafFetch()
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const client = createClient({ baseUrl: API, fetch: deaf.fetch, timeout: 1000, retry: { limit: 1 } })
    const result = track(client.get('/x'))
    for (const call of [0, 1]) {
      await flush()
      const stalled = stallingBody('{"rows":[')
      deaf.calls[call]?.answer(
        new Response(stalled.body, { headers: { 'content-type': 'application/json' } }),
      )
      await vi.advanceTimersByTimeAsync(990)
      expect(result.settled).toBe(false)
      await vi.advanceTimersByTimeAsync(10)
    }
    await result.done
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'attempt', attempts: 2 })
  })

  it('cannot hang a call in an async schema that never settles: TimeoutError scope total', async () => {
    const deaf = deafFetch()
    const never = z.unknown().transform(() => new Promise<never>(() => {}))
    const client = createClient({ baseUrl: API, fetch: deaf.fetch, totalTimeout: 3000 })
    const result = track(client.get('/x', { schema: never }))
    await vi.advanceTimersByTimeAsync(0)
    deaf.calls[0]?.answer(json({ a: 1 }))
    await vi.advanceTimersByTimeAsync(2999)
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'total', timeoutMs: 3000 })
  })

  it('cannot hang a call in an unwrap that never settles', async () => {
    const deaf = deafFetch()
    const client = createClient({
      baseUrl: API,
      fetch: deaf.fetch,
      totalTimeout: 500,
      unwrap: envelope(() => new Promise(() => {})),
    })
    const result = track(client.get('/x'))
    await vi.advanceTimersByTimeAsync(0)
    deaf.calls[0]?.answer(json({ a: 1 }))
    await vi.advanceTimersByTimeAsync(500)
    await result.done
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'total' })
  })

  it('rejects with the caller’s reason at once when the caller aborts, even though fetch ignores it', async () => {
    const deaf = deafFetch()
    const controller = new AbortController()
    const { client, terminal } = observed({ fetch: deaf.fetch, timeout: false })
    const result = track(client.get('/x', { signal: controller.signal }))
    await vi.advanceTimersByTimeAsync(0)
    controller.abort()
    await result.done
    expect(result.error).toBe(controller.signal.reason)
    expect(terminal().map((event) => event.type)).toEqual(['abort'])
  })

  it('bounds each NDJSON chunk of a stream by `timeout`, and reports every attempt made', async () => {
    const deaf = deafFetch()
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const client = createClient({ baseUrl: API, fetch: deaf.fetch, timeout: 1000 })
    const rows: unknown[] = []
    const result = track(
      (async () => {
        for await (const row of stream(client, '/export')) rows.push(row)
      })(),
    )
    await vi.advanceTimersByTimeAsync(0)
    deaf.calls[0]?.answer(json({}, 503))
    await flush()
    expect(deaf.calls).toHaveLength(2)
    const stalled = stallingBody('{"a":1}\n{"a"')
    deaf.calls[1]?.answer(new Response(stalled.body, { headers: { 'content-type': 'application/x-ndjson' } }))
    await vi.advanceTimersByTimeAsync(999)
    expect(rows).toEqual([{ a: 1 }])
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'attempt', attempts: 2 })
  })
})

describe('a stream whose body ignores its signal', () => {
  const ndjson = (body: ReadableStream<Uint8Array>) =>
    new Response(body, { headers: { 'content-type': 'application/x-ndjson' } })

  it('ends at once when the caller aborts mid-body, with one abort event', async () => {
    const deaf = deafFetch()
    const controller = new AbortController()
    const { client, terminal } = observed({ fetch: deaf.fetch, timeout: false })
    const rows: unknown[] = []
    const result = track(
      (async () => {
        for await (const row of stream(client, '/export', { signal: controller.signal })) rows.push(row)
      })(),
    )
    await flush()
    deaf.calls[0]?.answer(ndjson(stallingBody('{"a":1}\n').body))
    await flush()
    expect(rows).toEqual([{ a: 1 }])
    controller.abort()
    await result.done
    expect(result.error).toBe(controller.signal.reason)
    expect(terminal().map((event) => event.type)).toEqual(['abort'])
  })

  it('ends at `totalTimeout` mid-body with a TimeoutError scope total', async () => {
    const deaf = deafFetch()
    const client = createClient({ baseUrl: API, fetch: deaf.fetch, timeout: false, totalTimeout: 5000 })
    const result = track(
      (async () => {
        for await (const _ of stream(client, '/export'));
      })(),
    )
    await flush()
    deaf.calls[0]?.answer(ndjson(stallingBody('{"a":1}\n').body))
    await vi.advanceTimersByTimeAsync(4990)
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(10)
    await result.done
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'total', timeoutMs: 5000, attempts: 1 })
  })
})

describe('timer values', () => {
  const sent = () => {
    const deaf = deafFetch()
    return deaf
  }

  it('`timeout: 0` and `totalTimeout: 0` fail at once with a TimeoutError, without sending', async () => {
    for (const options of [{ timeout: 0 }, { totalTimeout: 0 }] as const) {
      const deaf = sent()
      const { client, terminal } = observed({ fetch: deaf.fetch, ...options })
      const error = await rejection(client.get('/x'))
      expect(error).toBeInstanceOf(TimeoutError)
      expect(error).toMatchObject({
        scope: 'timeout' in options ? 'attempt' : 'total',
        timeoutMs: 0,
        attempts: 1,
      })
      expect(deaf.calls).toHaveLength(0)
      expect(terminal()).toHaveLength(1)
    }
  })

  it('`Infinity` and `false` mean no timer, for both', async () => {
    for (const value of [Number.POSITIVE_INFINITY, false] as const) {
      const deaf = sent()
      const client = createClient({ baseUrl: API, fetch: deaf.fetch, timeout: value, totalTimeout: value })
      const result = track(client.get('/x'))
      await vi.advanceTimersByTimeAsync(2 ** 32)
      expect(result.settled).toBe(false)
      deaf.calls[0]?.answer(json({ late: 'but fine' }))
      await result.done
      expect(result.value).toEqual({ late: 'but fine' })
    }
  })

  it('a value above 2^31−1 ms is honoured, not fired after 1 ms', async () => {
    const big = 2 ** 31 + 5000
    const deaf = sent()
    const client = createClient({
      baseUrl: API,
      fetch: deaf.fetch,
      timeout: big,
      totalTimeout: big + 1,
      retry: false,
    })
    const result = track(client.get('/x'))
    await vi.advanceTimersByTimeAsync(big - 1)
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'attempt', timeoutMs: big })
  })

  it.each([
    ['timeout', -1],
    ['timeout', Number.NaN],
    ['totalTimeout', -5],
    ['totalTimeout', Number.NaN],
    ['timeout', '1000'],
    ['timeout', Symbol('1000')],
  ])(
    'rejects %s: %s with a TypeError that says what is allowed, on the client and per request',
    async (name, value) => {
      // Runtime input from untyped callers (JSON config): the types forbid a string, the client must too.
      const options: Record<string, unknown> = { [name]: value }
      expect(() => createClient({ baseUrl: API, ...options })).toThrow(TypeError)
      expect(() => createClient({ baseUrl: API, ...options })).toThrow(
        /must be a number of ms.*false or Infinity/,
      )
      await expect(createClient({ baseUrl: API }).get('/x', options)).rejects.toThrow(TypeError)
    },
  )
})

describe('exactly one terminal event per request', () => {
  it('success ends with `success`; a failure with `error`', async () => {
    const answers = [json({ a: 1 }), json({}, 404)]
    const { client, terminal } = observed({ fetch: async () => answers.shift() ?? json({}) })
    await client.get('/ok')
    await rejection(client.get('/missing'))
    expect(terminal().map((event) => event.type)).toEqual(['success', 'error'])
  })

  it('an abort during fetch, during the body, during the backoff sleep and during a rate-limit wait each end with one `abort`', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const cases: Array<[string, (signal: AbortSignal) => Promise<unknown>, number]> = []
    // during fetch
    const hanging = deafFetch()
    const a = observed({ fetch: hanging.fetch })
    cases.push(['fetch', (signal) => a.client.get('/x', { signal }), 10])
    // during the body
    const bodies = deafFetch()
    const b = observed({ fetch: bodies.fetch })
    cases.push([
      'body',
      (signal) => {
        const call = b.client.get('/x', { signal })
        queueMicrotask(() =>
          bodies.calls
            .at(-1)
            ?.answer(
              new Response(stallingBody('{').body, { headers: { 'content-type': 'application/json' } }),
            ),
        )
        return call
      },
      10,
    ])
    // during the backoff sleep (a 503, then a 150 ms sleep with random() = 0.5)
    const c = observed({ fetch: async () => json({}, 503) })
    cases.push(['sleep', (signal) => c.client.get('/x', { signal }), 50])
    // during a rate-limit wait (the burst of 1 is taken by a first call)
    const limiter = rateLimit({ perSecond: 0.1, burst: 1 })
    const d = observed({ fetch: async () => json({}), rateLimit: limiter })
    await d.client.get('/first')
    cases.push(['rate-limit', (signal) => d.client.get('/x', { signal }), 50])

    const observers = { fetch: a, body: b, sleep: c, 'rate-limit': d }
    for (const [name, start, after] of cases) {
      const observer = observers[name as keyof typeof observers]
      const before = observer.terminal().length
      const controller = new AbortController()
      const result = track(start(controller.signal))
      await vi.advanceTimersByTimeAsync(after)
      expect(result.settled, name).toBe(false)
      controller.abort()
      await result.done
      expect(result.error, name).toBe(controller.signal.reason)
      const ends = observer.terminal().slice(before)
      expect(
        ends.map((event) => event.type),
        name,
      ).toEqual(['abort'])
      expect(ends[0], name).toMatchObject({ method: 'GET', attempt: expect.any(Number), durationMs: after })
    }
  })

  it('a caller’s own code failing (a schema that throws) ends with one `error` of kind caller', async () => {
    const broken = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: () => {
          throw new RangeError('bug')
        },
      },
    } as const
    const { client, terminal } = observed({ fetch: async () => json({}) })
    const error = await rejection(client.get('/x', { schema: broken }))
    expect(error).toBeInstanceOf(RangeError)
    expect(terminal()).toMatchObject([{ type: 'error', kind: 'caller' }])
  })

  it('a thousand calls ending every way report exactly one terminal event each', {
    timeout: 30_000,
  }, async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    let n = 0
    const fetch: typeof globalThis.fetch = () => {
      n++
      const kind = n % 4
      if (kind === 0) return Promise.resolve(json({ ok: 1 }))
      if (kind === 1) return Promise.resolve(json({}, 500))
      if (kind === 2) return Promise.reject(new TypeError('fetch failed'))
      return new Promise(() => {})
    }
    const { client, events } = observed({ fetch, timeout: 50 })
    const calls = Array.from({ length: 1000 }, (_, index) => {
      const controller = new AbortController()
      if (index % 7 === 0) setTimeout(() => controller.abort(), 20)
      return client.get(`/x/${index}`, { signal: controller.signal }).catch((error: unknown) => error)
    })
    const all = await settle(Promise.all(calls), 10)
    expect(all.value).toHaveLength(1000)
    const ends = new Map<string, number>()
    const started = new Set<string>()
    for (const event of events) {
      if (!('requestId' in event)) continue
      if (event.type === 'request') started.add(event.requestId)
      if (TERMINAL.has(event.type)) ends.set(event.requestId, (ends.get(event.requestId) ?? 0) + 1)
    }
    expect(started.size).toBe(1000)
    expect([...started].every((id) => ends.get(id) === 1)).toBe(true)
    for (const value of all.value ?? []) {
      if (value instanceof Error || value instanceof DOMException) continue
      expect(value).toEqual({ ok: 1 })
    }
    expect(all.value?.some((value) => value instanceof HttpError)).toBe(true)
  })
})
