import { afterEach, describe, expect, it, vi } from 'vitest'
import { type HeadersOption, mergeHeaders, randomId } from './headers.js'

const entries = (headers: Headers) => [...headers]

describe('mergeHeaders', () => {
  it.each<[string, HeadersOption | undefined, HeadersOption | undefined, Array<[string, string]>]>([
    ['nothing', undefined, undefined, []],
    ['base only', { 'X-Tenant': 'acme' }, undefined, [['x-tenant', 'acme']]],
    ['over only', undefined, { 'X-Tenant': 'acme' }, [['x-tenant', 'acme']]],
    ['over replaces base', { 'X-Tenant': 'a' }, { 'x-tenant': 'b' }, [['x-tenant', 'b']]],
    [
      'both kept',
      { a: '1' },
      { b: '2' },
      [
        ['a', '1'],
        ['b', '2'],
      ],
    ],
    [
      'undefined in over removes from base',
      { 'X-Tenant': 'a', b: '2' },
      { 'x-tenant': undefined },
      [['b', '2']],
    ],
    ['removal is case-insensitive', { authorization: 'Bearer t' }, { AUTHORIZATION: undefined }, []],
    ['undefined for an absent header removes nothing', { a: '1' }, { b: undefined }, [['a', '1']]],
    ['undefined in base is no header', { a: undefined, b: '2' }, undefined, [['b', '2']]],
    ['an empty string is a value, not a removal', { a: '1' }, { a: '' }, [['a', '']]],
    ['base as Headers', new Headers({ a: '1' }), { a: undefined, b: '2' }, [['b', '2']]],
    ['base as pairs', [['a', '1']], { a: undefined }, []],
    ['over as Headers replaces', { a: '1' }, new Headers({ a: '2' }), [['a', '2']]],
    [
      'over as pairs with a repeated name joins them',
      { a: '1' },
      [
        ['a', '2'],
        ['a', '3'],
      ],
      [['a', '2, 3']],
    ],
    [
      'removed in a record, set again later in the same record',
      { a: '1' },
      { a: undefined, A: '4' },
      [['a', '4']],
    ],
  ])('%s', (_name, base, over, expected) => {
    expect(entries(mergeHeaders(base, over))).toEqual(expected)
  })

  it('never sends the string "undefined"', () => {
    const merged = mergeHeaders({ a: undefined }, { b: undefined, c: 'x' })
    expect([...merged.values()]).not.toContain('undefined')
  })

  it('leaves its inputs alone', () => {
    const base = new Headers({ a: '1' })
    mergeHeaders(base, { a: undefined })
    expect(base.get('a')).toBe('1')
  })
})

describe('randomId', () => {
  const UUID_V4 = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/
  // A page served over plain http has crypto.getRandomValues but no crypto.randomUUID.
  const withoutRandomUUID = (fill: (bytes: Uint8Array<ArrayBuffer>) => void) =>
    vi.stubGlobal('crypto', {
      getRandomValues: (bytes: Uint8Array<ArrayBuffer>) => {
        fill(bytes)
        return bytes
      },
    })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('is a v4 UUID', () => {
    expect(randomId()).toMatch(UUID_V4)
  })

  it('falls back to getRandomValues without crypto.randomUUID, still a v4 UUID and unique', () => {
    const real = crypto
    withoutRandomUUID((bytes) => real.getRandomValues(bytes))
    const ids = Array.from({ length: 200 }, randomId)
    for (const id of ids) expect(id).toMatch(UUID_V4)
    expect(new Set(ids).size).toBe(200)
  })

  it.each([
    [0, '10000000-1000-4000-8000-100000000000'],
    [255, 'efffffff-efff-4fff-bfff-efffffffffff'],
  ])('maps random byte %i to the lowest or highest digits, keeping version 4 and variant 8–b', (byte, id) => {
    withoutRandomUUID((bytes) => bytes.fill(byte))
    expect(randomId()).toBe(id)
  })

  it('reaches every hex digit, and every variant digit, in the fallback', () => {
    let next = 0
    withoutRandomUUID((bytes) => {
      bytes[0] = next
      next = (next + 37) % 256
    })
    const ids = Array.from({ length: 64 }, randomId)
    expect(new Set(ids.join('').replace(/-/g, ''))).toEqual(new Set('0123456789abcdef'))
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set('89ab'))
  })
})
