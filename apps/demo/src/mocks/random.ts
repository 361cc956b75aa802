/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine, so the mock's data
 * and its chaos rolls are reproducible.
 *
 * @example
 * const random = seededRandom(42)
 * random() // 0.6011037519201636, every time
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** An integer in [min, max], both inclusive. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

/** One element of a non-empty list. */
export function pick<T>(random: () => number, list: ReadonlyArray<T>): T {
  const value = list[Math.floor(random() * list.length)]
  if (value === undefined) throw new RangeError('pick() needs a non-empty list')
  return value
}
