import { envelope } from '@ferry/client'
import { act, screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderWithQuery } from './test-support/render.js'
import { BASE, server, testClient, untilAborted } from './test-support/server.js'
import { type ApiMutationResult, useApiMutation } from './use-api-mutation.js'

afterEach(() => {
  vi.useRealTimers()
})

interface Draft {
  readonly item: string
  readonly quantity: number
}
interface Order extends Draft {
  readonly id: number
}

type Reply = 'ok' | 'fail-503' | 'fail-422' | 'hang' | 'lost'

/** POST /orders answers from `replies` in order (then 'ok'), records the keys, and replays a known key. */
function ordersApi(...replies: Reply[]) {
  const keys: string[] = []
  const done = new Map<string, object>()
  server.use(
    http.post(`${BASE}/orders`, async ({ request }) => {
      const key = request.headers.get('idempotency-key') ?? ''
      keys.push(key)
      const reply = replies.shift() ?? 'ok'
      if (reply === 'hang') {
        await untilAborted(request.signal)
        return HttpResponse.error()
      }
      if (reply === 'fail-503')
        return new HttpResponse(null, { status: 503, headers: { 'Retry-After': '0' } })
      if (reply === 'fail-422') return HttpResponse.json({ detail: 'no' }, { status: 422 })
      const previous = done.get(key)
      if (previous)
        return HttpResponse.json(previous, { status: 201, headers: { 'Idempotent-Replayed': 'true' } })
      const body: unknown = await request.json()
      const order = { id: done.size + 1, ...(typeof body === 'object' ? body : {}) }
      done.set(key, order)
      // 'lost': the server did the work, but a proxy in front of it answered 504.
      return reply === 'lost'
        ? new HttpResponse(null, { status: 504 })
        : HttpResponse.json(order, { status: 201 })
    }),
  )
  return { keys }
}

interface Box {
  current?: ApiMutationResult<Order, Draft>
}

function Form({ box }: { readonly box: Box }) {
  const current = useApiMutation<Draft, Order>('POST', '/orders')
  box.current = current
  return <p>{`${current.status} key=${current.idempotencyKey ?? '-'} replayed=${current.replayed}`}</p>
}

interface HookBox {
  current?: ApiMutationResult<unknown, Draft>
  readonly statuses: number[]
}

/** A mutation with its own `use` middleware, recording each response's status. */
function WithOwnHook({ box }: { readonly box: HookBox }) {
  box.current = useApiMutation<Draft>('POST', '/orders', {
    use: [
      (request, next) =>
        next(request).then((response) => {
          box.statuses.push(response.status)
          return response
        }),
    ],
  })
  return null
}

function setup(clientOptions: Parameters<typeof testClient>[0] = {}) {
  const box: Box = {}
  renderWithQuery(<Form box={box} />, testClient(clientOptions))
  // Submits and waits until the component has rendered the outcome.
  const submit = async (draft: Draft) => {
    const before = box.current?.submittedAt ?? 0
    await act(async () => {
      await box.current?.mutateAsync(draft).catch(() => {})
    })
    await vi.waitFor(() => {
      const now = box.current
      expect(now && now.submittedAt > before && (now.status === 'success' || now.status === 'error')).toBe(
        true,
      )
    })
    return box.current
  }
  return { box, submit }
}

const draft = { item: 'tea', quantity: 2 }

describe('useApiMutation', () => {
  it('sends the same key on every automatic retry of the client', async () => {
    const api = ordersApi('fail-503', 'fail-503')
    const { submit } = setup()
    const result = await submit(draft)
    expect(result?.status).toBe('success')
    expect(api.keys).toHaveLength(3)
    expect(new Set(api.keys).size).toBe(1)
    expect(result?.idempotencyKey).toBe(api.keys[0])
  })

  it('keeps the key for a manual retry after a timeout', async () => {
    vi.useFakeTimers()
    const api = ordersApi('hang')
    const { submit, box } = setup({ timeout: 1_000, retry: false })
    let first: Promise<unknown> = Promise.resolve()
    act(() => {
      first = box.current?.mutateAsync(draft).catch(() => {}) ?? first
    })
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    await act(() => first)
    await act(() => vi.advanceTimersByTimeAsync(1))
    expect(box.current?.status).toBe('error')
    expect(box.current?.error?.kind).toBe('timeout')
    const retried = await submit({ ...draft })
    expect(retried?.status).toBe('success')
    expect(api.keys).toHaveLength(2)
    expect(api.keys[1]).toBe(api.keys[0])
  })

  it('keeps the key for a manual retry after a 5xx', async () => {
    const api = ordersApi('fail-503')
    const { submit } = setup({ retry: false })
    expect((await submit(draft))?.status).toBe('error')
    expect((await submit({ ...draft }))?.status).toBe('success')
    expect(api.keys).toHaveLength(2)
    expect(api.keys[1]).toBe(api.keys[0])
  })

  it('marks replayed when the server answers from its idempotency store', async () => {
    const api = ordersApi('lost')
    const { submit } = setup({ retry: false })
    const first = await submit(draft)
    expect(first?.status).toBe('error')
    expect(first?.replayed).toBe(false)
    const retried = await submit(draft)
    expect(retried?.status).toBe('success')
    expect(retried?.replayed).toBe(true)
    expect(retried?.data).toEqual({ id: 1, ...draft })
    expect(api.keys[1]).toBe(api.keys[0])
    expect(screen.getByText(/replayed=true/)).toBeTruthy()
  })

  it('still runs the caller’s own middleware and the client’s unwrap', async () => {
    ordersApi('fail-503')
    const box: HookBox = { statuses: [] }
    const idOf = (body: unknown) =>
      typeof body === 'object' && body !== null && 'id' in body ? body.id : body
    renderWithQuery(<WithOwnHook box={box} />, testClient({ unwrap: envelope(idOf) }))
    await act(async () => {
      await box.current?.mutateAsync(draft)
    })
    expect(box.statuses).toEqual([503, 201])
    await vi.waitFor(() => expect(box.current?.data).toBe(1))
    expect(box.current?.replayed).toBe(false)
  })

  it('uses a new key after a success', async () => {
    const api = ordersApi()
    const { submit } = setup()
    await submit(draft)
    await submit(draft)
    expect(api.keys).toHaveLength(2)
    expect(api.keys[1]).not.toBe(api.keys[0])
  })

  it('uses a new key when the variables change', async () => {
    const api = ordersApi('fail-503', 'ok')
    const { submit } = setup({ retry: false })
    await submit(draft)
    await submit({ ...draft, quantity: 3 })
    expect(api.keys).toHaveLength(2)
    expect(api.keys[1]).not.toBe(api.keys[0])
  })

  it('uses a new key after a 4xx: the server refused, nothing happened', async () => {
    const api = ordersApi('fail-422', 'ok')
    const { submit } = setup()
    await submit(draft)
    await submit(draft)
    expect(api.keys).toHaveLength(2)
    expect(api.keys[1]).not.toBe(api.keys[0])
  })
})
