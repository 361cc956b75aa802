import { CircuitOpenError, HttpError } from '@ferry/client'
import { describe, expect, it } from 'vitest'
import { announcedWaitUntil, waitingErrorText } from './announced-wait'

describe('announcedWaitUntil', () => {
  it('is a circuit’s retryAt, a 429’s Retry-After from when it was seen, and nothing otherwise', () => {
    expect(announcedWaitUntil(circuitOpen(5_000), 0)).toBe(5_000)
    expect(announcedWaitUntil(httpError(429, 5_000), 1_000)).toBe(6_000)
    expect(announcedWaitUntil(httpError(429, undefined), 1_000)).toBeUndefined()
    expect(announcedWaitUntil(httpError(503, 2_000), 1_000)).toBeUndefined()
    expect(announcedWaitUntil(new Error('boom'), 0)).toBeUndefined()
  })
})

describe('waitingErrorText', () => {
  it('names the wait’s cause without a number', () => {
    expect(waitingErrorText(circuitOpen(1))).toBe('The service is unavailable.')
    expect(waitingErrorText(httpError(429, 5_000))).toBe('Too many requests.')
    expect(waitingErrorText(httpError(500, undefined))).toBeUndefined()
  })
})

const request = { method: 'GET', url: '/api/orders', requestId: 'r1' }

function circuitOpen(retryAt: number) {
  return new CircuitOpenError({ request, retryAt })
}

function httpError(status: number, retryAfterMs: number | undefined) {
  return new HttpError({ request, response: new Response(null, { status }), retryAfterMs })
}
