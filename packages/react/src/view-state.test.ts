import { describe, expect, it } from 'vitest'
import { toViewState } from './to-view-state.js'
import { isEmpty } from './view-state.js'

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

describe('toViewState', () => {
  const common = { isFetching: false, isPlaceholderData: false, refetch: () => {} }
  it('splits data into empty and success with the given test', () => {
    expect(toViewState({ ...common, status: 'success', data: [] }).status).toBe('empty')
    expect(toViewState({ ...common, status: 'success', data: [1] }).status).toBe('success')
    expect(toViewState({ ...common, status: 'success', data: 0 }, { isEmpty: (n) => n === 0 }).status).toBe(
      'empty',
    )
  })

  it('keeps the data of a failed refetch, with the error in refreshError', () => {
    const error = new Error('refetch failed')
    const kept = toViewState({ ...common, status: 'error', error, data: [1] })
    expect(kept.status).toBe('success')
    expect(kept.data).toEqual([1])
    expect(kept.refreshError).toBe(error)
    expect(toViewState({ ...common, status: 'error', error, data: [] }).status).toBe('empty')
    const lost = toViewState({ ...common, status: 'error', error, data: undefined })
    expect(lost.status).toBe('error')
    expect(lost.error).toBe(error)
    expect(lost.refreshError).toBeUndefined()
    expect(toViewState({ ...common, status: 'success', data: [1] }).refreshError).toBeNull()
  })

  it('reads retrying only when asked, so that reading is what subscribes', () => {
    let reads = 0
    const view = toViewState(
      { ...common, status: 'pending', isFetching: true },
      {
        retrying: () => {
          reads++
          return { attempt: 2, limit: 2, delayMs: 300, at: 1 }
        },
      },
    )
    expect(reads).toBe(0)
    expect(view.status).toBe('loading')
    expect(view.retrying?.attempt).toBe(2)
    expect(reads).toBe(1)
  })
})
