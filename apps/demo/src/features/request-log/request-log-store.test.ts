import type { FerryEvent } from '@ferry/client'
import { afterEach, describe, expect, it } from 'vitest'
import { clearLog, getLog, type RequestRecord, recordEvent, traceIdOf } from './request-log-store'

afterEach(clearLog)

const base = { requestId: 'r1', method: 'GET', url: '/api/orders' }
const replay = (events: ReadonlyArray<FerryEvent>) => {
  for (const event of events) recordEvent(event)
}
const only = (): RequestRecord => {
  const [entry] = getLog()
  if (entry?.kind !== 'request') throw new Error('expected one request')
  return entry
}

describe('request log store', () => {
  it('folds a retried request into one record: attempts with statuses, the wait, the outcome', () => {
    replay([
      { type: 'request', ...base, attempt: 1, time: 1000 },
      { type: 'response', ...base, attempt: 1, status: 503, durationMs: 40, time: 1040, headers: {} },
      {
        type: 'retry',
        ...base,
        attempt: 2,
        limit: 2,
        delayMs: 2000,
        reason: 'status',
        status: 503,
        time: 1041,
      },
      { type: 'request', ...base, attempt: 2, time: 3041 },
      {
        type: 'response',
        ...base,
        attempt: 2,
        status: 200,
        durationMs: 30,
        time: 3071,
        headers: { 'x-ratelimit-remaining': '598' },
      },
      { type: 'success', ...base, attempt: 2, status: 200, durationMs: 2080, time: 3080 },
    ])
    expect(only()).toMatchObject({
      outcome: 'ok',
      status: 200,
      startedAt: 1000,
      endedAt: 3080,
      rateLimitRemaining: '598',
      attempts: [
        { attempt: 1, startedAt: 1000, status: 503, durationMs: 40 },
        { attempt: 2, startedAt: 3041, status: 200, durationMs: 30 },
      ],
      retries: [{ attempt: 2, limit: 2, delayMs: 2000, reason: 'status', status: 503, at: 1041 }],
    })
  })

  it('marks an attempt that failed without a response by its reason, and the request as failed', () => {
    replay([
      { type: 'request', ...base, attempt: 1, time: 0 },
      { type: 'retry', ...base, attempt: 2, limit: 1, delayMs: 5, reason: 'network', time: 12 },
      { type: 'request', ...base, attempt: 2, time: 17 },
      { type: 'error', ...base, attempt: 2, kind: 'timeout', durationMs: 100, time: 100 },
    ])
    expect(only()).toMatchObject({
      outcome: 'failed',
      errorKind: 'timeout',
      attempts: [
        { attempt: 1, failure: 'network', durationMs: 12 },
        { attempt: 2, failure: 'timeout', durationMs: 83 },
      ],
    })
  })

  it('keeps a 200 whose body then failed to parse as failed', () => {
    replay([
      { type: 'request', ...base, attempt: 1, time: 0 },
      { type: 'response', ...base, attempt: 1, status: 200, durationMs: 5, time: 5 },
      { type: 'error', ...base, attempt: 1, kind: 'parse', durationMs: 6, time: 6 },
    ])
    expect(only()).toMatchObject({ outcome: 'failed', errorKind: 'parse', attempts: [{ status: 200 }] })
  })

  it('lists requests and circuit changes newest first, and counts limiter waits', () => {
    replay([
      { type: 'rate-limit', ...base, delayMs: 250, time: 0 },
      { type: 'request', ...base, attempt: 1, time: 250 },
      { type: 'circuit', state: 'open', previous: 'closed', time: 300 },
      { type: 'request', ...base, requestId: 'r2', attempt: 1, time: 400 },
    ])
    const log = getLog()
    expect(
      log.map((e) => (e.kind === 'request' ? e.requestId : e.kind === 'circuit' ? e.state : e.id)),
    ).toEqual(['r2', 'open', 'r1'])
    expect(log[2]).toMatchObject({ rateLimitWaitMs: 250 })
  })

  it('ends a request its caller aborted mid-attempt: "aborted", with the attempt cut at the abort', () => {
    replay([
      { type: 'request', ...base, attempt: 1, time: 1000 },
      { type: 'abort', ...base, attempt: 1, durationMs: 400, time: 1400 },
    ])
    expect(only()).toMatchObject({
      outcome: 'aborted',
      endedAt: 1400,
      attempts: [{ attempt: 1, failure: 'aborted', durationMs: 400 }],
    })
  })

  it('ends a request aborted while it waited to retry, keeping the failed attempt as it was', () => {
    replay([
      { type: 'request', ...base, attempt: 1, time: 0 },
      { type: 'response', ...base, attempt: 1, status: 503, durationMs: 20, time: 20 },
      {
        type: 'retry',
        ...base,
        attempt: 2,
        limit: 2,
        delayMs: 2000,
        reason: 'status',
        status: 503,
        time: 21,
      },
      { type: 'abort', ...base, attempt: 1, durationMs: 500, time: 500 },
    ])
    expect(only()).toMatchObject({
      outcome: 'aborted',
      endedAt: 500,
      attempts: [{ attempt: 1, status: 503, durationMs: 20 }],
    })
    expect(only().attempts).toHaveLength(1)
  })

  it('ends a request aborted before it was sent (queued by the rate limiter)', () => {
    replay([
      { type: 'rate-limit', ...base, delayMs: 900, time: 0 },
      { type: 'abort', ...base, attempt: 1, durationMs: 300, time: 300 },
    ])
    expect(only()).toMatchObject({ outcome: 'aborted', endedAt: 300, attempts: [] })
  })

  it('ignores an abort that arrives after the request already ended', () => {
    replay([
      { type: 'request', ...base, attempt: 1, time: 0 },
      { type: 'response', ...base, attempt: 1, status: 200, durationMs: 5, time: 5 },
      { type: 'success', ...base, attempt: 1, status: 200, durationMs: 7, time: 7 },
      { type: 'abort', ...base, attempt: 1, durationMs: 9, time: 9 },
    ])
    expect(only()).toMatchObject({ outcome: 'ok', endedAt: 7 })
  })

  it('keeps a request in flight after its headers (a 200) until the body ends: the terminal event decides', () => {
    replay([
      { type: 'request', ...base, attempt: 1, time: 0 },
      { type: 'response', ...base, attempt: 1, status: 200, durationMs: 40, time: 40 },
    ])
    expect(only()).toMatchObject({ outcome: 'pending', status: 200, attempts: [{ status: 200 }] })
    expect(only().endedAt).toBeUndefined()
    replay([{ type: 'success', ...base, attempt: 1, status: 200, durationMs: 2000, time: 2000 }])
    expect(only()).toMatchObject({ outcome: 'ok', endedAt: 2000 })
  })

  it('ends a request whose body was abandoned after a 200 as aborted, not OK', () => {
    replay([
      { type: 'request', ...base, attempt: 1, time: 0 },
      { type: 'response', ...base, attempt: 1, status: 200, durationMs: 40, time: 40 },
      { type: 'abort', ...base, attempt: 1, durationMs: 900, time: 900 },
    ])
    expect(only()).toMatchObject({ outcome: 'aborted', endedAt: 900, attempts: [{ status: 200 }] })
  })

  it('keeps the trace id a tracing middleware sent, from the request event’s headers', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    replay([{ type: 'request', ...base, attempt: 1, time: 0, headers: { traceparent } }])
    expect(only().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736')
  })
})

describe('traceIdOf', () => {
  it.each([
    [
      { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      '0af7651916cd43dd8448eb211c80319c',
    ],
    [{ 'x-trace-id': 'abc-123' }, 'abc-123'],
    [{ accept: 'application/json' }, undefined],
    [undefined, undefined],
  ])('reads %j as %s', (headers, expected) => {
    expect(traceIdOf(headers)).toBe(expected)
  })
})
