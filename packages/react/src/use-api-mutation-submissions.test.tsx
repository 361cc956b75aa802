import { act } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { useLayoutEffect } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderWithQuery } from './test-support/render.js'
import { BASE, server, testClient, wait } from './test-support/server.js'
import { type ApiMutationResult, useApiMutation } from './use-api-mutation.js'

afterEach(() => {
  vi.useRealTimers()
})

interface Draft {
  readonly item: string
}

/**
 * POST /orders like an idempotent API: a known key replays its answer (`Idempotent-Replayed: true`), a key
 * still being worked on gets 409 "in progress". `fail` lists the items that fail with a 500 (once each);
 * `slow` is how long the work takes.
 */
function ordersApi({ fail = [] as string[], slow = 0 } = {}) {
  const keys: string[] = []
  const done = new Map<string, object>()
  const working = new Set<string>()
  server.use(
    http.post(`${BASE}/orders`, async ({ request }) => {
      const key = request.headers.get('idempotency-key') ?? ''
      keys.push(key)
      const replay = done.get(key)
      if (replay)
        return HttpResponse.json(replay, { status: 201, headers: { 'Idempotent-Replayed': 'true' } })
      if (working.has(key))
        return HttpResponse.json(
          { title: 'Request in progress' },
          { status: 409, headers: { 'Retry-After': '1' } },
        )
      const draft: unknown = await request.json()
      const item = typeof draft === 'object' && draft && 'item' in draft ? String(draft.item) : ''
      if (fail.includes(item)) {
        fail.splice(fail.indexOf(item), 1)
        return new HttpResponse(null, { status: 500 })
      }
      working.add(key)
      // The server works on, whether or not the caller is still there.
      await wait(slow)
      working.delete(key)
      const order = { id: done.size + 1, item }
      done.set(key, order)
      return HttpResponse.json(order, { status: 201 })
    }),
  )
  return { keys }
}

interface Box {
  current?: ApiMutationResult<{ id: number; item: string }, Draft>
  readonly statuses: string[]
}

function Form({ box }: { readonly box: Box }) {
  const mutation = useApiMutation<Draft, { id: number; item: string }>('POST', '/orders')
  box.current = mutation
  useLayoutEffect(() => {
    box.statuses.push(mutation.status)
  })
  return null
}

function setup(options: Parameters<typeof testClient>[0] = { retry: false }) {
  const box: Box = { statuses: [] }
  renderWithQuery(<Form box={box} />, testClient(options))
  const submit = (draft: Draft) =>
    act(async () => {
      await box.current?.mutateAsync(draft).catch(() => {})
    })
  return { box, submit }
}

describe('useApiMutation submissions', () => {
  it('keeps one key per submission: retrying #1 after #2 was sent reuses #1’s key', async () => {
    const api = ordersApi({ fail: ['tea', 'cake'] })
    const { box, submit } = setup()
    await submit({ item: 'tea' })
    await submit({ item: 'cake' })
    expect(box.current?.status).toBe('error')
    await submit({ item: 'tea' })
    await vi.waitFor(() => expect(box.current?.status).toBe('success'))
    expect(api.keys).toHaveLength(3)
    expect(api.keys[2]).toBe(api.keys[0])
    expect(api.keys[1]).not.toBe(api.keys[0])
    // #2 still has its own key when retried.
    await submit({ item: 'cake' })
    expect(api.keys[3]).toBe(api.keys[1])
  })

  it('keeps a failed submission’s key for the same form opened again (a modal closed and reopened)', async () => {
    const api = ordersApi({ fail: ['tea'] })
    const box: Box = { statuses: [] }
    const client = testClient({ retry: false })
    const view = renderWithQuery(<Form box={box} />, client)
    const submit = (draft: Draft) =>
      act(async () => {
        await box.current?.mutateAsync(draft).catch(() => {})
      })
    await submit({ item: 'tea' })
    expect(box.current?.status).toBe('error')
    view.rerender(null)
    view.rerender(<Form box={box} />)
    await submit({ item: 'tea' })
    await vi.waitFor(() => expect(box.current?.status).toBe('success'))
    expect(api.keys).toEqual([api.keys[0], api.keys[0]])
    // Succeeded: the next order of the same draft is a new submission, with a new key.
    await submit({ item: 'tea' })
    expect(api.keys[2]).not.toBe(api.keys[0])
  })

  it('forgets every submission’s key on reset()', async () => {
    const api = ordersApi({ fail: ['tea'] })
    const { box, submit } = setup()
    await submit({ item: 'tea' })
    act(() => box.current?.reset())
    await submit({ item: 'tea' })
    expect(api.keys).toHaveLength(2)
    expect(api.keys[1]).not.toBe(api.keys[0])
  })

  it('joins a second press while the first is in flight instead of sending again', async () => {
    const api = ordersApi({ slow: 50 })
    const { box } = setup()
    let results: unknown[] = []
    await act(async () => {
      const first = box.current?.mutateAsync({ item: 'tea' })
      const second = box.current?.mutateAsync({ item: 'tea' })
      results = await Promise.all([first, second])
    })
    expect(api.keys).toHaveLength(1)
    expect(results).toEqual([
      { id: 1, item: 'tea' },
      { id: 1, item: 'tea' },
    ])
    await vi.waitFor(() => expect(box.current?.status).toBe('success'))
  })

  it('treats a 409 "in progress" for a retried submission as pending, and succeeds with the first', async () => {
    vi.useFakeTimers()
    // The first attempt times out at the client (1 s) while the server works on it for 2.5 s.
    const api = ordersApi({ slow: 2_500 })
    const { box } = setup({ retry: false, timeout: 1_000 })
    let first: Promise<unknown> = Promise.resolve()
    act(() => {
      first = box.current?.mutateAsync({ item: 'tea' }).catch(() => {}) ?? first
    })
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    await act(() => first)
    await act(() => vi.advanceTimersByTimeAsync(1))
    expect(box.current?.error?.kind).toBe('timeout')
    // "Try again": the server is still working (409, Retry-After: 1), then replays the first answer.
    act(() => {
      box.current?.mutateAsync({ item: 'tea' }).catch(() => {})
    })
    await act(() => vi.advanceTimersByTimeAsync(3_000))
    expect(box.current?.status).toBe('success')
    expect(box.current?.data).toEqual({ id: 1, item: 'tea' })
    expect(box.current?.replayed).toBe(true)
    expect(new Set(api.keys).size).toBe(1)
    expect(api.keys.length).toBeGreaterThanOrEqual(3)
    // After the timeout's error, the retry was pending until it succeeded: never an error for the 409.
    const afterRetry = box.statuses.slice(box.statuses.lastIndexOf('error') + 1)
    expect(afterRetry).not.toContain('error')
    expect(afterRetry.at(-1)).toBe('success')
  })
})
