import { describe, expect, it } from 'vitest'
import { retryText } from './retry-notice'

describe('retryText', () => {
  const retrying = { attempt: 2, limit: 2, delayMs: 2_000, at: 10_000 }

  it('counts down to the next attempt in whole seconds', () => {
    expect(retryText(retrying, 8_000)).toBe('Retrying in 2 s (attempt 2 of 3)')
    expect(retryText(retrying, 9_001)).toBe('Retrying in 1 s (attempt 2 of 3)')
  })

  it('says which attempt is running once it has started, never "Retrying in 0 s"', () => {
    expect(retryText(retrying, 10_000)).toBe('Attempt 2 of 3 running…')
    expect(retryText({ ...retrying, attempt: 3 }, 18_000)).toBe('Attempt 3 of 3 running…')
  })
})
