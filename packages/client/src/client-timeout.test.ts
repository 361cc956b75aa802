import { createServer, type Server, type ServerResponse } from 'node:http'
import { delay, HttpResponse, http, passthrough } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from './client.js'
import { HttpError, isAbortError, isTimeoutError, NetworkError, TimeoutError } from './errors.js'
import type { FerryEvent } from './events.js'
import type { Middleware } from './middleware.js'
import { observe } from './observe.js'
import type { RetryInfo } from './retry.js'
import { stream } from './stream.js'
import {
  API,
  ok,
  rejection,
  route,
  server,
  settle,
  stalledBody,
  track,
  useFakeClock,
  useServer,
} from './test-support/msw.js'

useServer()
const T0 = Date.UTC(2026, 0, 15, 12, 0, 0)
useFakeClock(T0)

const elapsed = () => Date.now() - T0
const never = async (): Promise<Response> => {
  await delay('infinite')
  return HttpResponse.json({})
}

describe('per-attempt timeout', () => {
  it('times out each attempt after `timeout`, retries, then fails with scope "attempt" and timeoutMs', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999_9)
    const served = route('get', '/slow', never)
    const retries: RetryInfo[] = []
    const result = track(
      createClient({ baseUrl: API, timeout: 1000 }).get('/slow', { onRetry: (info) => retries.push(info) }),
    )
    // Attempts at 0, 1300 (1000 + 300 backoff) and 2900 (2300 + 600); the last times out at 3900.
    await vi.advanceTimersByTimeAsync(3899)
    expect(result.settled).toBe(false)
    expect(served.times.map((time) => time - T0)).toEqual([0, 1300, 2900])
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toBeInstanceOf(TimeoutError)
    expect(result.error).toMatchObject({
      kind: 'timeout',
      scope: 'attempt',
      timeoutMs: 1000,
      attempts: 3,
      retryable: true,
    })
    expect(String(result.error)).toContain('timed out after 1000 ms (timeout)')
    expect(retries.map((info) => [info.reason, info.delayMs])).toEqual([
      ['timeout', 300],
      ['timeout', 600],
    ])
  })

  it('resolves when a retry after a timeout answers in time', async () => {
    const served = route('get', '/slow', (_, call) => (call === 1 ? never() : ok({ late: false })()))
    const result = await settle(createClient({ baseUrl: API, timeout: 1000 }).get('/slow'))
    expect(result.value).toEqual({ late: false })
    expect(served.requests).toHaveLength(2)
  })

  it('uses a 10 s timeout by default', async () => {
    route('get', '/slow', never)
    const result = track(createClient({ baseUrl: API }).get('/slow', { retry: false }))
    await vi.advanceTimersByTimeAsync(9_999)
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toMatchObject({ scope: 'attempt', timeoutMs: 10_000, attempts: 1 })
  })

  it('lets a request time out per request over the client’s timeout', async () => {
    route('get', '/slow', never)
    const result = track(
      createClient({ baseUrl: API, timeout: 5000 }).get('/slow', { timeout: 200, retry: false }),
    )
    await vi.advanceTimersByTimeAsync(200)
    await result.done
    expect(result.error).toMatchObject({ scope: 'attempt', timeoutMs: 200 })
  })

  it('never times out with timeout: false', async () => {
    route('get', '/slow', never)
    const controller = new AbortController()
    const result = track(
      createClient({ baseUrl: API, timeout: false }).get('/slow', {
        signal: controller.signal,
        retry: false,
      }),
    )
    await vi.advanceTimersByTimeAsync(600_000)
    expect(result.settled).toBe(false)
    controller.abort()
    await result.done
    expect(result.error).toBe(controller.signal.reason)
  })

  it('does not retry a timeout with retryOnTimeout: false', async () => {
    const served = route('get', '/slow', never)
    const result = track(
      createClient({ baseUrl: API, timeout: 1000, retry: { retryOnTimeout: false } }).get('/slow'),
    )
    await vi.advanceTimersByTimeAsync(1000)
    await result.done
    expect(result.error).toMatchObject({ scope: 'attempt', attempts: 1 })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(served.requests).toHaveLength(1)
  })

  it('does not retry a POST without an Idempotency-Key that timed out', async () => {
    const served = route('post', '/orders', never)
    const result = track(
      createClient({ baseUrl: API, timeout: 1000 }).post('/orders', { body: { sku: 'A1' } }),
    )
    await vi.advanceTimersByTimeAsync(1000)
    await result.done
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'attempt', attempts: 1 })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(served.requests).toHaveLength(1)
  })
})

describe('totalTimeout', () => {
  it('fails with scope "total" when the whole call takes longer than totalTimeout', async () => {
    const served = route('get', '/slow', never)
    const result = track(createClient({ baseUrl: API, totalTimeout: 500 }).get('/slow'))
    await vi.advanceTimersByTimeAsync(499)
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toBeInstanceOf(TimeoutError)
    expect(result.error).toMatchObject({ scope: 'total', timeoutMs: 500, attempts: 1, retryable: true })
    expect(String(result.error)).toContain('timed out after 500 ms (totalTimeout)')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(served.requests).toHaveLength(1)
  })

  it('counts retries and their sleeps against totalTimeout', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const served = route('get', '/slow', never)
    const result = track(createClient({ baseUrl: API, timeout: 1000, totalTimeout: 1500 }).get('/slow'))
    // Attempt 1 times out at 1000; attempt 2 starts at once and is cut by the total deadline at 1500.
    await vi.advanceTimersByTimeAsync(1499)
    expect(result.settled).toBe(false)
    expect(served.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toMatchObject({ scope: 'total', timeoutMs: 1500, attempts: 2 })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(served.requests).toHaveLength(2)
  })

  it('reports scope "total" even when the wall clock moved on while the request was queued', async () => {
    // The attempt's timer is set to the time left before the deadline, computed from Date.now(). The clock
    // the timers run on and Date.now() drift apart in real runtimes (a long task, a clock adjustment): a
    // middleware that lets 20 ms of wall-clock time pass without any timer firing reproduces it.
    const drift: Middleware = async (request, next) => {
      vi.setSystemTime(Date.now() + 20)
      return next(request)
    }
    route('get', '/slow', never)
    const result = track(createClient({ baseUrl: API, totalTimeout: 500, use: [drift] }).get('/slow'))
    await settle(result.done, 10)
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'total', timeoutMs: 500 })
  })

  it('lets a call that finishes in time succeed', async () => {
    route('get', '/fast', [ok({ fine: true })])
    const result = await settle(createClient({ baseUrl: API, totalTimeout: 500 }).get('/fast'))
    expect(result.value).toEqual({ fine: true })
  })
})

describe('a timeout while the body is still streaming (a slow server)', () => {
  it('fails with a TimeoutError when the JSON body stalls after the first chunk', async () => {
    const served = route('get', '/export', (request) => stalledBody(request, '{"items":[1,2,'))
    const events: FerryEvent[] = []
    const client = createClient({
      baseUrl: API,
      timeout: 1000,
      events: observe((event) => events.push(event)),
    })
    const result = track(client.get('/export', { retry: false }))
    await vi.advanceTimersByTimeAsync(10)
    // The headers arrived (a 200 was reported), yet the call is still waiting for the rest of the body.
    expect(events.map((event) => event.type)).toEqual(['request', 'response'])
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(989)
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toBeInstanceOf(TimeoutError)
    expect(result.error).toMatchObject({ scope: 'attempt', timeoutMs: 1000, attempts: 1 })
    expect(served.requests).toHaveLength(1)
  })

  it('retries a GET whose body stalled, then gives up with attempts 3', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const served = route('get', '/export', (request) => stalledBody(request, 'partial', 'text/plain'))
    const result = await settle(
      createClient({ baseUrl: API, timeout: 1000 }).get('/export', { as: 'text' }),
      10,
    )
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'attempt', attempts: 3 })
    expect(served.requests).toHaveLength(3)
  })

  it('times out while reading a stalled error body', async () => {
    const served = route('get', '/broken', (request) => {
      const response = stalledBody(request, '{"detail":"over')
      return new HttpResponse(response.body, { status: 500, headers: response.headers })
    })
    const result = await settle(
      createClient({ baseUrl: API, timeout: 1000 }).get('/broken', { retry: false }),
      10,
    )
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'attempt', attempts: 1 })
    expect(served.requests).toHaveLength(1)
  })

  it('fails with scope "total" when totalTimeout cuts a stalled body', async () => {
    route('get', '/export', (request) => stalledBody(request, '{"items":['))
    const result = track(createClient({ baseUrl: API, totalTimeout: 700 }).get('/export'))
    await vi.advanceTimersByTimeAsync(700)
    await result.done
    expect(result.error).toMatchObject({ scope: 'total', timeoutMs: 700, attempts: 1 })
  })

  describe('against a real server on 127.0.0.1', () => {
    let httpServer: Server | undefined
    const open: ServerResponse[] = []
    afterEach(async () => {
      for (const response of open.splice(0)) response.destroy()
      httpServer?.closeAllConnections()
      await new Promise((resolve) => httpServer?.close(resolve) ?? resolve(undefined))
      httpServer = undefined
    })

    it('aborts the download and fails with a TimeoutError', async () => {
      let requests = 0
      httpServer = createServer((_, response) => {
        requests++
        open.push(response)
        response.writeHead(200, { 'content-type': 'application/json' })
        response.write('{"items":[1,2,')
      })
      await new Promise<void>((resolve) => httpServer?.listen(0, '127.0.0.1', resolve))
      const address = httpServer.address()
      if (typeof address !== 'object' || address === null) throw new Error('the server has no port')
      const { port } = address
      server.use(http.all(`http://127.0.0.1:${port}/*`, () => passthrough()))
      const events: FerryEvent[] = []
      const client = createClient({
        baseUrl: `http://127.0.0.1:${port}`,
        timeout: 1000,
        retry: false,
        events: observe((event) => events.push(event)),
      })
      const result = track(client.get('/export'))
      await realTurns(() => events.some((event) => event.type === 'response'))
      await realTurns(() => false, 20)
      expect(result.settled).toBe(false)
      await vi.advanceTimersByTimeAsync(1000)
      await realTurns(() => result.settled)
      expect(result.error).toBeInstanceOf(TimeoutError)
      expect(result.error).toMatchObject({ scope: 'attempt', timeoutMs: 1000, attempts: 1 })
      expect(requests).toBe(1)
    })
  })
})

describe('timeout vs caller abort', () => {
  it('rejects with the caller’s reason, not a TimeoutError, when the caller aborts a pending request', async () => {
    const served = route('get', '/slow', never)
    const controller = new AbortController()
    const result = track(
      createClient({ baseUrl: API, timeout: 1000 }).get('/slow', { signal: controller.signal }),
    )
    await vi.advanceTimersByTimeAsync(500)
    controller.abort()
    await result.done
    expect(result.error).toBe(controller.signal.reason)
    expect(result.error).toMatchObject({ name: 'AbortError' })
    expect(isAbortError(result.error)).toBe(true)
    expect(isTimeoutError(result.error)).toBe(false)
    expect(elapsed()).toBe(500)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(served.requests).toHaveLength(1)
  })

  it('rejects with the caller’s reason when the caller aborts while the body streams', async () => {
    route('get', '/export', (request) => stalledBody(request, '{"items":['))
    const controller = new AbortController()
    const reason = new DOMException('left the page', 'AbortError')
    const result = track(
      createClient({ baseUrl: API, timeout: 1000 }).get('/export', { signal: controller.signal }),
    )
    await vi.advanceTimersByTimeAsync(300)
    expect(result.settled).toBe(false)
    controller.abort(reason)
    await result.done
    expect(result.error).toBe(reason)
  })

  it('rejects with the caller’s reason when the caller aborts while an error body is read', async () => {
    route('get', '/broken', (request) => {
      const response = stalledBody(request, '{"detail":"over')
      return new HttpResponse(response.body, { status: 503, headers: response.headers })
    })
    const controller = new AbortController()
    const result = track(createClient({ baseUrl: API }).get('/broken', { signal: controller.signal }))
    await vi.advanceTimersByTimeAsync(10)
    controller.abort()
    await result.done
    expect(result.error).toBe(controller.signal.reason)
    expect(result.error).not.toBeInstanceOf(HttpError)
  })

  it('passes a caller’s TimeoutError reason through unchanged (it is the caller’s, not a Ferry timeout)', async () => {
    route('get', '/slow', never)
    const controller = new AbortController()
    const reason = new DOMException('the caller gave up', 'TimeoutError')
    const result = track(
      createClient({ baseUrl: API, timeout: 1000 }).get('/slow', { signal: controller.signal }),
    )
    await vi.advanceTimersByTimeAsync(100)
    controller.abort(reason)
    await result.done
    expect(result.error).toBe(reason)
    expect(result.error).not.toBeInstanceOf(TimeoutError)
  })

  it('rejects with the reason of an already aborted signal without sending anything', async () => {
    const served = route('get', '/slow', [ok()])
    const controller = new AbortController()
    controller.abort()
    const error = await rejection(createClient({ baseUrl: API }).get('/slow', { signal: controller.signal }))
    expect(error).toBe(controller.signal.reason)
    expect(served.requests).toHaveLength(0)
  })

  it('rejects with the caller’s reason when the caller aborts during the backoff after a timeout', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999_9)
    const served = route('get', '/slow', never)
    const controller = new AbortController()
    const result = track(
      createClient({ baseUrl: API, timeout: 1000 }).get('/slow', { signal: controller.signal }),
    )
    await vi.advanceTimersByTimeAsync(1100) // attempt 1 timed out at 1000; sleeping until 1300
    expect(result.settled).toBe(false)
    controller.abort()
    await vi.advanceTimersByTimeAsync(0)
    expect(result.settled).toBe(true)
    expect(result.error).toBe(controller.signal.reason)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(served.requests).toHaveLength(1)
  })

  it('is a Ferry TimeoutError, not an AbortError, when the timeout fires first', async () => {
    route('get', '/slow', never)
    const controller = new AbortController()
    const result = track(
      createClient({ baseUrl: API, timeout: 1000, retry: false }).get('/slow', { signal: controller.signal }),
    )
    await vi.advanceTimersByTimeAsync(1000)
    await result.done
    expect(result.error).toBeInstanceOf(TimeoutError)
    expect(isAbortError(result.error)).toBe(false)
    expect(controller.signal.aborted).toBe(false)
  })

  it('reports a network failure as a NetworkError, neither timeout nor abort', async () => {
    route('get', '/down', () => HttpResponse.error())
    const error = await rejection(createClient({ baseUrl: API, retry: false }).get('/down'))
    expect(error).toBeInstanceOf(NetworkError)
    expect(isAbortError(error)).toBe(false)
  })

  it('hands an `as: "response"` body to the caller, free of the attempt timeout', async () => {
    route('get', '/export', (request) => stalledBody(request, 'first'))
    const controller = new AbortController()
    const client = createClient({ baseUrl: API, timeout: 1000 })
    const response = await client.get('/export', { as: 'response', signal: controller.signal })
    const reader = response.body?.getReader()
    if (!reader) throw new Error('no body')
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value)).toBe('first')
    const next = track(reader.read())
    await vi.advanceTimersByTimeAsync(5000)
    expect(next.settled).toBe(false)
    // The body is the caller's to read or cancel. (Not awaited: msw tees bodies, and cancelling one branch
    // of a tee settles only when the other is cancelled too.)
    reader.cancel().catch(() => undefined)
    await next.done
    expect(next.value).toEqual({ done: true, value: undefined })
  })
})

/** Lets real I/O progress (socket reads, undici's internals) until `done()` or `max` event-loop turns. */
async function realTurns(done: () => boolean, max = 2000): Promise<void> {
  for (let turn = 0; turn < max && !done(); turn++) {
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('stream(): timeout is the longest silence once the headers are in', () => {
  /** Consumes a stream, collecting its records. */
  async function collect(records: AsyncIterable<unknown>, into: unknown[]): Promise<void> {
    for await (const record of records) into.push(record)
  }

  /** An NDJSON body that sends one record every `everyMs`, `count` records in all (fake timers). */
  function steadyBody(count: number, everyMs: number): Response {
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const next = () => {
          controller.enqueue(new TextEncoder().encode(`${JSON.stringify({ id: ++sent })}\n`))
          if (sent === count) controller.close()
          else setTimeout(next, everyMs)
        }
        next()
      },
    })
    return new HttpResponse(body, { headers: { 'content-type': 'application/x-ndjson' } })
  }

  it('fails with a TimeoutError when the body sends nothing for `timeout` ms, after the records it sent', async () => {
    route('get', '/export', (request) => stalledBody(request, '{"id":1}\n', 'application/x-ndjson'))
    const records: unknown[] = []
    const events: FerryEvent[] = []
    const client = createClient({
      baseUrl: API,
      timeout: 1000,
      events: observe((event) => events.push(event)),
    })
    const result = track(collect(stream(client, '/export'), records))
    await vi.advanceTimersByTimeAsync(10)
    expect(records).toEqual([{ id: 1 }])
    await vi.advanceTimersByTimeAsync(980)
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(20)
    await result.done
    expect(result.error).toBeInstanceOf(TimeoutError)
    expect(result.error).toMatchObject({ scope: 'attempt', timeoutMs: 1000 })
    expect(records).toEqual([{ id: 1 }])
    // The failure after the headers is reported too, so a request log does not show the export as a 200.
    expect(events.map((event) => event.type)).toEqual(['request', 'response', 'error'])
    expect(events[2]).toMatchObject({ kind: 'timeout', attempt: 1 })
  })

  it('never cuts off a stream that keeps sending, however long it runs', async () => {
    route('get', '/export', () => steadyBody(6, 800))
    const records: unknown[] = []
    const result = await settle(
      collect(stream(createClient({ baseUrl: API, timeout: 1000 }), '/export'), records),
    )
    expect(result.error).toBeUndefined()
    expect(records).toHaveLength(6)
    expect(elapsed()).toBeGreaterThanOrEqual(4000)
  })

  it('fails with a TimeoutError (scope total) when totalTimeout fires while the body streams', async () => {
    route('get', '/export', (request) => stalledBody(request, '{"id":1}\n', 'application/x-ndjson'))
    const records: unknown[] = []
    const events: FerryEvent[] = []
    const client = createClient({
      baseUrl: API,
      timeout: false,
      events: observe((event) => events.push(event)),
    })
    const result = track(collect(stream(client, '/export', { totalTimeout: 2000 }), records))
    await vi.advanceTimersByTimeAsync(1999)
    expect(result.settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(result.error).toBeInstanceOf(TimeoutError)
    expect(result.error).toMatchObject({ scope: 'total', timeoutMs: 2000 })
    expect(records).toEqual([{ id: 1 }])
    expect(events.at(-1)).toMatchObject({ type: 'error', kind: 'timeout' })
  })

  it('waits as long as it takes with timeout: false', async () => {
    route('get', '/export', (request) => stalledBody(request, '{"id":1}\n', 'application/x-ndjson'))
    const controller = new AbortController()
    const records: unknown[] = []
    const result = track(
      collect(
        stream(createClient({ baseUrl: API, timeout: false }), '/export', { signal: controller.signal }),
        records,
      ),
    )
    await vi.advanceTimersByTimeAsync(600_000)
    expect(result.settled).toBe(false)
    controller.abort()
    await result.done
    expect(isAbortError(result.error)).toBe(true)
    expect(records).toEqual([{ id: 1 }])
  })
})
