import { describe, expect, it } from 'vitest'
import { isEmpty, makeView } from './view-state.js'

describe('isEmpty', () => {
  it.each([
    [null, true],
    [undefined, true],
    [[], true],
    [{ data: [] }, true],
    [{ items: [], meta: { total: 0 } }, true],
    [{ results: [] }, true],
    [[0], false],
    [{ data: [1] }, false],
    [{ data: null }, false],
    [{}, false],
    ['', false],
    [0, false],
    [false, false],
  ])('isEmpty(%j) is %s', (data, expected) => {
    expect(isEmpty(data)).toBe(expected)
  })
})

describe('makeView', () => {
  const refetch = () => {}
  it('splits data into empty and success with the given test', () => {
    expect(makeView({ status: 'data', data: [] }, false, false, refetch, () => null).status).toBe('empty')
    expect(makeView({ status: 'data', data: [1] }, false, false, refetch, () => null).status).toBe('success')
    expect(
      makeView(
        { status: 'data', data: 0 },
        false,
        false,
        refetch,
        () => null,
        (n) => n === 0,
      ).status,
    ).toBe('empty')
  })

  it('reads retrying only when asked, so that reading is what subscribes', () => {
    let reads = 0
    const view = makeView({ status: 'loading' }, true, false, refetch, () => {
      reads++
      return { attempt: 2, limit: 2, delayMs: 300, at: 1 }
    })
    expect(reads).toBe(0)
    expect(view.status).toBe('loading')
    expect(view.retrying?.attempt).toBe(2)
    expect(reads).toBe(1)
  })
})
