import { describe, expect, it } from 'vitest'
import { pageNumbers } from './page-numbers'

describe('pageNumbers', () => {
  it.each([
    [1, 1, [1]],
    [3, 7, [1, 2, 3, 4, 5, 6, 7]],
    [1, 96, [1, 2, 3, 4, 'gap', 96]],
    [3, 96, [1, 2, 3, 4, 'gap', 96]],
    [4, 96, [1, 'gap', 3, 4, 5, 'gap', 96]],
    [6, 20, [1, 'gap', 5, 6, 7, 'gap', 20]],
    [94, 96, [1, 'gap', 93, 94, 95, 96]],
    [96, 96, [1, 'gap', 93, 94, 95, 96]],
  ] as const)('page %i of %i → %j', (current, total, expected) => {
    expect(pageNumbers(current, total)).toEqual(expected)
  })

  it('shows nothing for no pages', () => {
    expect(pageNumbers(1, 0)).toEqual([])
  })
})
