import { describe, expect, it } from 'vitest'
import { stableKey } from './stable-key.js'

describe('stableKey', () => {
  it.each([
    [
      { a: 1, b: 2 },
      { b: 2, a: 1 },
    ],
    [{ q: { z: 1, y: [1, { d: 1, c: 2 }] } }, { q: { y: [1, { c: 2, d: 1 }], z: 1 } }],
    [{ a: undefined, b: 1 }, { b: 1 }],
    [
      new URLSearchParams('a=1&a=2'),
      [
        ['a', '1'],
        ['a', '2'],
      ],
    ],
    [{ at: new Date(0) }, { at: '1970-01-01T00:00:00.000Z' }],
  ])('serialises %j and %j the same', (left, right) => {
    expect(stableKey(left)).toBe(stableKey(right))
  })

  it.each([
    [{ a: 1 }, { a: '1' }],
    [
      [1, 2],
      [2, 1],
    ],
    [new URLSearchParams('a=1'), new URLSearchParams('a=2')],
  ])('tells %j and %j apart', (left, right) => {
    expect(stableKey(left)).not.toBe(stableKey(right))
  })

  it('never equates two objects it cannot read (FormData, Blob), and equates one with itself', () => {
    const form = new FormData()
    expect(stableKey({ form })).not.toBe(stableKey({ form: new FormData() }))
    expect(stableKey(new Blob(['a']))).not.toBe(stableKey(new Blob(['a'])))
    expect(stableKey({ form })).toBe(stableKey({ form }))
    expect(stableKey(form)).toMatch(/^"#\d+"$/)
  })

  it('keys a bigint as a marked string, apart from the number and the string', () => {
    expect(stableKey({ id: 12n })).toBe('{"id":"#12n"}')
    expect(stableKey({ id: 12n })).not.toBe(stableKey({ id: 12 }))
    expect(stableKey({ id: 12n })).not.toBe(stableKey({ id: 13n }))
  })

  it('throws a TypeError that says what to give for a function, a symbol or a cycle', () => {
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    for (const value of [{ q: () => 1 }, { q: Symbol('q') }, cycle])
      expect(() => stableKey(value)).toThrow(
        expect.objectContaining({
          name: 'TypeError',
          message: expect.stringMatching(
            /^Ferry: a (function|symbol|value that contains itself) cannot be in a request key; pass plain data$/,
          ),
        }),
      )
  })
})
