import { afterEach, describe, expect, it } from 'vitest'
import { defaultChaos } from './chaos.js'
import {
  envelopeErrorResponse,
  planFaults,
  resetFaults,
  serverErrorResponse,
  truncateJson,
} from './faults.js'

afterEach(() => resetFaults())

describe('planFaults', () => {
  it('injects nothing with the default settings', () => {
    expect(planFaults(defaultChaos)).toEqual({
      network: false,
      hang: false,
      serverError: undefined,
      envelopeError: false,
      malformedJson: false,
    })
  })

  it('injects every fault whose rate is 1', () => {
    const all = {
      ...defaultChaos,
      networkErrorRate: 1,
      hangRate: 1,
      serverErrorRate: 1,
      serverErrorKind: '500' as const,
    }
    expect(planFaults({ ...all, envelopeErrorRate: 1, malformedJsonRate: 1 })).toEqual({
      network: true,
      hang: true,
      serverError: '500',
      envelopeError: true,
      malformedJson: true,
    })
  })

  it('repeats the same rolls after resetFaults', () => {
    const settings = { ...defaultChaos, hangRate: 0.5 }
    const first = Array.from({ length: 20 }, () => planFaults(settings).hang)
    resetFaults()
    expect(Array.from({ length: 20 }, () => planFaults(settings).hang)).toEqual(first)
    expect(first).toContain(true)
    expect(first).toContain(false)
  })
})

describe('fault responses', () => {
  it.each(['{}', '[]', '"x"', JSON.stringify({ data: [1, 2, 3], meta: { page: 1 } })])(
    'truncateJson leaves %s unparseable with status and JSON type intact',
    async (text) => {
      const original = new Response(text, { status: 201, headers: { 'Content-Type': 'application/json' } })
      const cut = await truncateJson(original)
      expect(cut.status).toBe(201)
      expect(cut.headers.get('Content-Type')).toBe('application/json')
      const body = await cut.text()
      expect(text.startsWith(body)).toBe(true)
      expect(() => JSON.parse(body)).toThrow(SyntaxError)
    },
  )

  it('envelope errors carry a code and a message', async () => {
    const response = envelopeErrorResponse()
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      error: { code: 'UPSTREAM_TIMEOUT', message: expect.any(String) },
    })
  })

  it.each([
    ['503', 503, 'application/problem+json', '2'],
    ['502-html', 502, 'text/html; charset=utf-8', null],
    ['500', 500, 'application/problem+json', null],
  ] as const)('server error %s', (kind, status, type, retryAfter) => {
    const response = serverErrorResponse(kind)
    expect(response.status).toBe(status)
    expect(response.headers.get('Content-Type')).toBe(type)
    expect(response.headers.get('Retry-After')).toBe(retryAfter)
  })
})
