import { describe, expect, it } from 'vitest'
import { pick, randomInt, seededRandom } from './random.js'

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = Array.from({ length: 5 }, seededRandom(42))
    const b = Array.from({ length: 5 }, seededRandom(42))
    const c = Array.from({ length: 5 }, seededRandom(43))
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it('stays in [0, 1) and spreads evenly', () => {
    const random = seededRandom(7)
    const values = Array.from({ length: 10_000 }, random)
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...values)).toBeLessThan(1)
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length
    expect(mean).toBeCloseTo(0.5, 1)
  })

  it('gives integers in an inclusive range and picks from a list', () => {
    const random = seededRandom(1)
    const ints = new Set(Array.from({ length: 500 }, () => randomInt(random, 1, 5)))
    expect([...ints].sort()).toEqual([1, 2, 3, 4, 5])
    expect(['a', 'b']).toContain(pick(random, ['a', 'b']))
    expect(() => pick(random, [])).toThrow(RangeError)
  })
})
