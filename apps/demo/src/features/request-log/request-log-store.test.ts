import type { FerryEvent } from '@ferry/client'
import { afterEach, describe, expect, it } from 'vitest'
import { clearLog, getLog, type RequestRecord, recordEvent } from './request-log-store'

afterEach(clearLog)

const base = { requestId: 'r1', method: 'GET', url: '/api/orders' }
const replay = (events: FerryEvent[]) => {
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
    ])
    expect(only()).toMatchObject({
      outcome: 'ok',
      status: 200,
      startedAt: 1000,
      endedAt: 3071,
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
})
