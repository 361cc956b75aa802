import { act, render, screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { useLayoutEffect } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { FerryProvider } from './provider.js'
import { BASE, server, testClient, untilAborted } from './test-support/server.js'
import { type UseFetchOptions, useFetch } from './use-fetch.js'
import type { ViewState } from './view-state.js'

interface Item {
  readonly id: string
}

/** GET /items/:id: ids in `hang` wait for the abort, ids in `fail` answer 404, the rest answer at once. */
function itemsApi({ hang = [] as string[], fail = [] as string[] } = {}) {
  const seen = { started: [] as string[], aborted: [] as string[] }
  server.use(
    http.get(`${BASE}/items/:id`, async ({ params, request }) => {
      const id = String(params.id)
      seen.started.push(id)
      if (hang.includes(id)) {
        await untilAborted(request.signal)
        seen.aborted.push(id)
        return HttpResponse.error()
      }
      return fail.includes(id) ? new HttpResponse('no', { status: 404 }) : HttpResponse.json({ id })
    }),
  )
  return seen
}

interface Box {
  state?: ViewState<Item>
  readonly committed: string[]
}

function Probe({ path, options, box }: { path: string | null; options: UseFetchOptions<Item>; box: Box }) {
  const state = useFetch<Item>(path, options)
  box.state = state
  const text = `${state.status}${state.data ? `:${state.data.id}` : ''}${state.data && state.isFetching ? ' fetching' : ''}`
  useLayoutEffect(() => {
    box.committed.push(text)
  })
  return <p data-testid="out">{text}</p>
}

/** A schema written inline: a new object on every render. */
function Inline() {
  const state = useFetch('/items/a', { schema: z.object({ id: z.string() }) })
  return <p>{`${state.status}${state.data ? `:${state.data.id}` : ''}`}</p>
}

function setup() {
  const box: Box = { committed: [] }
  const client = testClient({ retry: false })
  const ui = (path: string | null, options: UseFetchOptions<Item> = {}) => (
    <FerryProvider client={client}>
      <Probe path={path} options={options} box={box} />
    </FerryProvider>
  )
  return { box, ui }
}

describe('useFetch lifecycle', () => {
  it('stops isFetching when the hook is disabled while a refetch is in flight', async () => {
    const api = itemsApi()
    const { box, ui } = setup()
    const view = render(ui('/items/1'))
    await screen.findByText('success:1')
    api.started.length = 0
    server.use(
      http.get(`${BASE}/items/:id`, async ({ request }) => {
        api.started.push('refetch')
        await untilAborted(request.signal)
        return HttpResponse.error()
      }),
    )
    act(() => box.state?.refetch())
    await screen.findByText('success:1 fetching')
    view.rerender(ui('/items/1', { enabled: false }))
    await act(() => Promise.resolve())
    expect(box.state?.isFetching).toBe(false)
    expect(screen.getByTestId('out').textContent).toBe('success:1')
  })

  it('aborts a refetch() of a disabled hook on unmount', async () => {
    const api = itemsApi({ hang: ['1'] })
    const { box, ui } = setup()
    const view = render(ui('/items/1', { enabled: false }))
    act(() => box.state?.refetch())
    await vi.waitFor(() => expect(api.started).toEqual(['1']))
    view.unmount()
    await vi.waitFor(() => expect(api.aborted).toEqual(['1']))
  })

  it('starts nothing for a refetch() called after unmount', async () => {
    const api = itemsApi({ hang: ['1'] })
    const { box, ui } = setup()
    const view = render(ui('/items/1', { enabled: false }))
    const { refetch } = box.state ?? {}
    view.unmount()
    refetch?.()
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(api.started).toEqual([])
  })

  it('shows loading on the first render back at a previous key (a → b → a), never its old data', async () => {
    itemsApi({ hang: ['b'] })
    const { box, ui } = setup()
    const view = render(ui('/items/a'))
    await screen.findByText('success:a')
    view.rerender(ui('/items/b'))
    view.rerender(ui('/items/a'))
    expect(box.committed.at(-1)).toBe('loading')
    await screen.findByText('success:a')
    expect(box.committed).toEqual(['loading', 'success:a', 'loading', 'loading', 'success:a'])
  })

  it('shows loading on the first render back at a failed key (error → b → error)', async () => {
    itemsApi({ hang: ['b'], fail: ['x'] })
    const { box, ui } = setup()
    const view = render(ui('/items/x'))
    await screen.findByText('error')
    view.rerender(ui('/items/b'))
    view.rerender(ui('/items/x'))
    await vi.waitFor(() => expect(box.committed.at(-1)).toBe('error'))
    expect(box.committed).toEqual(['loading', 'error', 'loading', 'loading', 'error'])
  })

  it('shows loading on the first render back at a key after waiting (a → null → a), never its old data', async () => {
    itemsApi()
    const { box, ui } = setup()
    const view = render(ui('/items/a'))
    await screen.findByText('success:a')
    view.rerender(ui(null))
    view.rerender(ui('/items/a'))
    expect(box.committed.at(-1)).toBe('loading')
    await screen.findByText('success:a')
    expect(box.committed).toEqual(['loading', 'success:a', 'idle', 'loading', 'success:a'])
  })

  it('does not fetch again when a render gives new middleware or schema objects (written inline)', async () => {
    const api = itemsApi()
    const { box, ui } = setup()
    // A new function on every render, as `use: [(request, next) => …]` written in the component gives.
    const inline = (): UseFetchOptions<Item> => ({ use: [(request, next) => next(request)] })
    const view = render(ui('/items/a', inline()))
    await screen.findByText('success:a')
    view.rerender(ui('/items/a', inline()))
    view.rerender(ui('/items/a', inline()))
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(api.started).toEqual(['a'])
    expect(box.committed.at(-1)).toBe('success:a')
  })

  it('does not fetch again for an inline schema either', async () => {
    const api = itemsApi()
    const client = testClient({ retry: false })
    const view = render(
      <FerryProvider client={client}>
        <Inline />
      </FerryProvider>,
    )
    await screen.findByText('success:a')
    view.rerender(
      <FerryProvider client={client}>
        <Inline />
      </FerryProvider>,
    )
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(api.started).toEqual(['a'])
  })
})
