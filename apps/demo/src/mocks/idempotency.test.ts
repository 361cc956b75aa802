import { describe, expect, it } from 'vitest'
import { fingerprint, recall, remember, resetIdempotency } from './idempotency.js'

describe('fingerprint', () => {
  it.each([
    [{ b: 1, a: [2, { d: 1, c: 'x' }] }, '{"a":[2,{"c":"x","d":1}],"b":1}'],
    [{ a: undefined, b: null }, '{"b":null}'],
    ['text', '"text"'],
    [null, 'null'],
  ])('%o → %s', (value, expected) => {
    expect(fingerprint(value)).toBe(expected)
  })

  it('is equal for the same body in another key order and differs for another body', () => {
    expect(fingerprint({ email: 'a@b.c', items: [1] })).toBe(fingerprint({ items: [1], email: 'a@b.c' }))
    expect(fingerprint({ items: [1, 2] })).not.toBe(fingerprint({ items: [2, 1] }))
  })
})

describe('the key store', () => {
  it('remembers results until reset', () => {
    const result = { fingerprint: '{}', status: 201, body: '{}', location: '/api/orders/ORD-1' }
    remember('k', result)
    expect(recall('k')).toBe(result)
    resetIdempotency()
    expect(recall('k')).toBeUndefined()
  })
})
