import { describe, expect, it } from 'vitest'
import { type HeadersOption, mergeHeaders } from './headers.js'

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
