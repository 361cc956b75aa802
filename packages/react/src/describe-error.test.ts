import {
  ApiError,
  CircuitOpenError,
  HttpError,
  NetworkError,
  ParseError,
  TimeoutError,
  ValidationError,
} from '@ferry/client'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { describeError } from './describe-error.js'

const request = { method: 'GET', url: '/api/orders', requestId: 'r1' }

function http(
  status: number,
  init: { problem?: { detail?: string; title?: string }; retryAfterMs?: number } = {},
) {
  return new HttpError({
    request,
    response: new Response(null, { status }),
    body: undefined,
    problem: init.problem,
    retryAfterMs: init.retryAfterMs,
  })
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('describeError', () => {
  it.each([
    ['a network failure', new NetworkError({ request }), 'Could not reach the server.'],
    [
      'a timeout',
      new TimeoutError({ request, timeoutMs: 10_000, scope: 'attempt' }),
      'The server took too long to respond.',
    ],
    ['a 429 with Retry-After', http(429, { retryAfterMs: 11_200 }), 'Too many requests. Try again in 12 s.'],
    ['a 429 without Retry-After', http(429), 'Too many requests. Try again later.'],
    ['a 500', http(500), 'Server error. Try again later.'],
    ['a 503', http(503), 'Server error. Try again later.'],
    ['a 404', http(404), 'Not found.'],
    [
      'a 404 with problem+json detail',
      http(404, { problem: { title: 'Not Found', detail: 'Order 42 does not exist.' } }),
      'Order 42 does not exist.',
    ],
    [
      'a 422 with problem+json detail',
      http(422, { problem: { detail: 'Quantity must be positive.' } }),
      'Quantity must be positive.',
    ],
    ['a 401', http(401), 'Request refused (401).'],
    ['a 403', http(403), 'Request refused (403).'],
    ['a 400', http(400), 'Request refused (400).'],
    [
      'invalid JSON',
      new ParseError({ request, text: '<html>', contentType: 'text/html', reason: 'expected JSON' }),
      'The server sent unexpected data.',
    ],
    [
      'a schema mismatch',
      new ValidationError({ request, issues: [{ message: 'bad' }], value: 1 }),
      'The server sent unexpected data.',
    ],
    [
      'an error envelope, in the API’s own words',
      new ApiError({ request, message: 'Monthly quota exceeded', body: {} }),
      'Monthly quota exceeded',
    ],
    ['something else', new Error('boom'), 'Something went wrong.'],
  ])('describes %s', (_, error, message) => {
    expect(describeError(error)).toBe(message)
  })

  it('says "offline" when the browser knows it is offline', () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    expect(describeError(new NetworkError({ request }))).toBe('You are offline.')
  })

  it('says when an open circuit lets requests through again', () => {
    vi.useFakeTimers({ now: 1_000_000 })
    const error = new CircuitOpenError({ request, retryAt: 1_000_000 + 29_500 })
    expect(describeError(error)).toBe('The service is unavailable. Try again in 30 s.')
  })
})
