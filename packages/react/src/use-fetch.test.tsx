import type { Client } from '@ferry/client'
import { act, render, screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { Component, type ReactNode, StrictMode, useLayoutEffect } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FerryProvider } from './provider.js'
import { BASE, server, testClient, untilAborted, wait } from './test-support/server.js'
import { type UseFetchOptions, useFetch } from './use-fetch.js'
import type { ViewState } from './view-state.js'

afterEach(() => {
  vi.useRealTimers()
})

interface Item {
  readonly id: string
}

interface Log {
  renders: number
  readonly committed: string[]
  readonly shown: string[]
}

interface ProbeProps {
  readonly path: string | null
  readonly options: UseFetchOptions<Item>
  readonly log: Log
  readonly read?: (state: ViewState<Item>) => void
}

/** One `useFetch`, recording every render and every committed state. */
function Probe({ path, options, log, read }: ProbeProps) {
  log.renders++
  const state = useFetch<Item>(path, options)
  read?.(state)
  const text = `${state.status}${state.data ? `:${state.data.id}` : ''}${state.isPlaceholder ? ' (placeholder)' : ''}`
  useLayoutEffect(() => {
    log.committed.push(text)
    if (state.data) log.shown.push(state.data.id)
  })
  return (
    <>
      <p data-testid="out">{text}</p>
      <button type="button" onClick={state.refetch}>
        refetch
      </button>
    </>
  )
}

function setup(options: UseFetchOptions<Item> = {}) {
  const log: Log = { renders: 0, committed: [], shown: [] }
  const client = testClient()
  const ui = (path: string | null, read?: (state: ViewState<Item>) => void) => (
    <FerryProvider client={client}>
      <Probe path={path} options={options} log={log} {...(read ? { read } : {})} />
    </FerryProvider>
  )
  return { log, ui }
}

/** GET /items/:id answers 404 while `fail` is true, and the item otherwise. */
function failingItems(fail: boolean): { fail: boolean } {
  const items = { fail }
  server.use(
    http.get(`${BASE}/items/:id`, ({ params }) =>
      items.fail ? new HttpResponse('nope', { status: 404 }) : HttpResponse.json({ id: params.id }),
    ),
  )
  return items
}

/** Builds new (but equal) params and query objects on every render. */
function KeyProbe({ tick, client }: { readonly tick: number; readonly client: Client }) {
  const state = useFetch<Item>('/items/:id', {
    client,
    params: { id: '7' },
    query: { b: 2, a: [1, tick > 9 ? 3 : 1] },
  })
  return <p data-testid="out">{state.status}</p>
}

class Boundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null }
  static getDerivedStateFromError(error: unknown) {
    return { error }
  }
  override render() {
    return this.state.error ? <p>crashed</p> : this.props.children
  }
}

/** A missing path param is the caller's bug: the client throws a TypeError, not a Ferry error. */
function MissingParam({ client }: { readonly client: Client }) {
  const state = useFetch('/items/:id', { client })
  return <p>{state.status}</p>
}

function RetryText({ client }: { readonly client: Client }) {
  const state = useFetch<Item>('/flaky', { client })
  const { retrying } = state
  const left = retrying ? Math.ceil((retrying.at - Date.now()) / 1000) : null
  return (
    <p data-testid="out">
      {retrying ? `retrying in ${left} s (${retrying.attempt} of ${retrying.limit + 1})` : state.status}
    </p>
  )
}

function Counted({
  client,
  count,
  readRetrying,
}: {
  readonly client: Client
  readonly count: () => void
  readonly readRetrying: boolean
}) {
  count()
  const state = useFetch<Item>('/flaky', { client })
  return <p>{readRetrying && state.retrying ? 'retrying' : state.status}</p>
}

/** Records what each render shows: the path, and the countdown or the status. */
function Switching({
  client,
  path,
  seen,
}: {
  readonly client: Client
  readonly path: string
  readonly seen: string[]
}) {
  const state = useFetch<Item>(path, { client })
  seen.push(`${path} ${state.retrying ? `retrying ${state.retrying.attempt}` : state.status}`)
  return null
}

const out = () => screen.getByTestId('out').textContent

describe('useFetch', () => {
  it('renders exactly twice from mount to data: loading, then success', async () => {
    server.use(http.get(`${BASE}/items/:id`, ({ params }) => HttpResponse.json({ id: params.id })))
    const { log, ui } = setup()
    render(ui('/items/1'))
    expect(out()).toBe('loading')
    await screen.findByText('success:1')
    expect(log.renders).toBe(2)
    expect(log.committed).toEqual(['loading', 'success:1'])
  })

  it('renders exactly twice on a key change: the change (loading), then the new data', async () => {
    server.use(http.get(`${BASE}/items/:id`, ({ params }) => HttpResponse.json({ id: params.id })))
    const { log, ui } = setup()
    const view = render(ui('/items/1'))
    await screen.findByText('success:1')
    log.renders = 0
    view.rerender(ui('/items/2'))
    expect(out()).toBe('loading')
    await screen.findByText('success:2')
    expect(log.renders).toBe(2)
  })

  it('keys on params and query by value, not by object identity', async () => {
    let requests = 0
    server.use(
      http.get(`${BASE}/items/:id`, ({ params }) => {
        requests++
        return HttpResponse.json({ id: params.id })
      }),
    )
    const client = testClient()
    const view = render(<KeyProbe tick={0} client={client} />)
    await screen.findByText('success')
    view.rerender(<KeyProbe tick={1} client={client} />)
    view.rerender(<KeyProbe tick={2} client={client} />)
    expect(out()).toBe('success')
    expect(requests).toBe(1)
    view.rerender(<KeyProbe tick={10} client={client} />)
    expect(out()).toBe('loading')
    await screen.findByText('success')
    expect(requests).toBe(2)
  })

  it('aborts the request on unmount, seen by the server, and never reports an error', async () => {
    let started = 0
    let aborted = 0
    server.use(
      http.get(`${BASE}/slow`, async ({ request }) => {
        started++
        await untilAborted(request.signal)
        aborted++
        return HttpResponse.json({ id: 'late' })
      }),
    )
    const { log, ui } = setup()
    const view = render(ui('/slow'))
    await vi.waitFor(() => expect(started).toBe(1))
    expect(aborted).toBe(0)
    view.unmount()
    await vi.waitFor(() => expect(aborted).toBe(1))
    expect(log.committed).toEqual(['loading'])
  })

  it('aborts the previous request on a key change, seen by the server', async () => {
    const aborted: string[] = []
    server.use(
      http.get(`${BASE}/items/:id`, async ({ params, request }) => {
        if (params.id === 'slow') {
          await untilAborted(request.signal)
          aborted.push(String(params.id))
        }
        return HttpResponse.json({ id: params.id })
      }),
    )
    const { log, ui } = setup()
    const view = render(ui('/items/slow'))
    view.rerender(ui('/items/fast'))
    await screen.findByText('success:fast')
    await vi.waitFor(() => expect(aborted).toEqual(['slow']))
    expect(log.committed).not.toContain('error')
  })

  it('never shows stale data after rapid key changes with reversed latencies', async () => {
    vi.useFakeTimers()
    const latency: Record<string, number> = { a: 300, b: 100, c: 10 }
    server.use(
      http.get(`${BASE}/items/:id`, async ({ params }) => {
        // The server ignores the abort and answers anyway: only the hook can drop the stale response.
        await wait(latency[String(params.id)] ?? 0)
        return HttpResponse.json({ id: params.id })
      }),
    )
    const { log, ui } = setup()
    const view = render(ui('/items/a'))
    await act(() => vi.advanceTimersByTimeAsync(5))
    view.rerender(ui('/items/b'))
    await act(() => vi.advanceTimersByTimeAsync(5))
    view.rerender(ui('/items/c'))
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    expect(out()).toBe('success:c')
    expect(log.shown).toEqual(['c'])
  })

  it('under StrictMode, the double effect never produces an error or a duplicate result', async () => {
    let requests = 0
    let aborted = 0
    server.use(
      http.get(`${BASE}/items/:id`, async ({ params, request }) => {
        requests++
        if (request.signal.aborted) aborted++
        else request.signal.addEventListener('abort', () => aborted++)
        await Promise.resolve()
        return HttpResponse.json({ id: params.id })
      }),
    )
    const { log, ui } = setup()
    render(<StrictMode>{ui('/items/1')}</StrictMode>)
    await screen.findByText('success:1')
    await act(() => Promise.resolve())
    // StrictMode mounts, unmounts and mounts again in one commit: the second mount takes over the request.
    expect(requests).toBe(1)
    expect(aborted).toBe(0)
    expect(log.committed.every((state) => state === 'loading' || state === 'success:1')).toBe(true)
    expect(new Set(log.shown)).toEqual(new Set(['1']))
    expect(screen.getAllByText('success:1')).toHaveLength(1)
  })

  it('does not turn an abort during a retry sleep into an error', async () => {
    vi.useFakeTimers()
    server.use(
      http.get(
        `${BASE}/flaky`,
        () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '5' } }),
      ),
    )
    const { log, ui } = setup()
    const view = render(ui('/flaky'))
    await act(() => vi.advanceTimersByTimeAsync(100))
    view.rerender(ui(null))
    await act(() => vi.advanceTimersByTimeAsync(10_000))
    expect(out()).toBe('idle')
    expect(log.committed).toEqual(['loading', 'idle'])
  })

  it('keeps the previous data as a placeholder with keepPrevious', async () => {
    server.use(http.get(`${BASE}/items/:id`, ({ params }) => HttpResponse.json({ id: params.id })))
    const { ui } = setup({ keepPrevious: true })
    const view = render(ui('/items/1'))
    await screen.findByText('success:1')
    view.rerender(ui('/items/2'))
    expect(out()).toBe('success:1 (placeholder)')
    await screen.findByText('success:2')
  })

  it('with keepPrevious, never keeps another client’s or other headers’ data: their first render is loading', async () => {
    server.use(
      http.get(`${BASE}/me`, ({ request }) =>
        HttpResponse.json({ id: request.headers.get('authorization') === 'Bearer b' ? 'bob' : 'alice' }),
      ),
    )
    const log: Log = { renders: 0, committed: [], shown: [] }
    const probe = (client: Client, headers?: Record<string, string>) => (
      <Probe path="/me" options={{ client, keepPrevious: true, ...(headers ? { headers } : {}) }} log={log} />
    )
    const alice = testClient({ headers: { Authorization: 'Bearer a' } })
    const view = render(probe(alice))
    await screen.findByText('success:alice')
    view.rerender(probe(testClient({ headers: { Authorization: 'Bearer b' } })))
    expect(out()).toBe('loading')
    await screen.findByText('success:bob')
    // The same client with another user's header given per request.
    view.rerender(probe(alice, { Authorization: 'Bearer a2' }))
    expect(out()).toBe('loading')
    await screen.findByText('success:alice')
    expect(log.committed.filter((state) => state.includes('placeholder'))).toEqual([])
  })

  it('stays idle for a null path or enabled: false, and refetch() fetches a disabled key', async () => {
    let requests = 0
    server.use(
      http.get(`${BASE}/items/:id`, ({ params }) => {
        requests++
        return HttpResponse.json({ id: params.id })
      }),
    )
    const idle = setup()
    const view = render(idle.ui(null))
    expect(out()).toBe('idle')
    view.unmount()
    const disabled = setup({ enabled: false })
    render(disabled.ui('/items/1'))
    expect(out()).toBe('idle')
    await act(() => Promise.resolve())
    expect(requests).toBe(0)
    await act(async () => screen.getByRole('button').click())
    await screen.findByText('success:1')
    expect(disabled.log.committed).toEqual(['idle', 'loading', 'success:1'])
    expect(requests).toBe(1)
  })

  it('reports errors as an error state; refetch goes back to loading, then success', async () => {
    const items = failingItems(true)
    let last: ViewState<Item> | undefined
    const { log, ui } = setup()
    render(ui('/items/1', (state) => (last = state)))
    await screen.findByText('error')
    expect(last?.status === 'error' && last.error.kind).toBe('http')
    items.fail = false
    await act(async () => screen.getByRole('button').click())
    await screen.findByText('success:1')
    expect(log.committed).toEqual(['loading', 'error', 'loading', 'success:1'])
  })

  it('shows a background refetch with isFetching and keeps the data: one render to start, one to finish', async () => {
    server.use(http.get(`${BASE}/items/:id`, ({ params }) => HttpResponse.json({ id: params.id })))
    const fetching: boolean[] = []
    const { log, ui } = setup()
    render(ui('/items/1', (state) => fetching.push(state.isFetching)))
    await screen.findByText('success:1')
    log.renders = 0
    fetching.length = 0
    await act(async () => screen.getByRole('button').click())
    await vi.waitFor(() => expect(fetching.at(-1)).toBe(false))
    expect(fetching).toEqual([true, false])
    expect(log.renders).toBe(2)
    expect(log.committed).not.toContain('loading:1')
  })

  it('keeps the data when a refetch fails, with the error in refreshError, and through the next refetch', async () => {
    const items = failingItems(false)
    let last: ViewState<Item> | undefined
    const { log, ui } = setup()
    render(ui('/items/1', (state) => (last = state)))
    await screen.findByText('success:1')
    items.fail = true
    await act(async () => screen.getByRole('button').click())
    await vi.waitFor(() => expect(last?.refreshError?.kind).toBe('http'))
    expect(last?.status).toBe('success')
    expect(last?.data?.id).toBe('1')
    items.fail = false
    await act(async () => screen.getByRole('button').click())
    await vi.waitFor(() => expect(last?.refreshError).toBeNull())
    // Only the first load showed loading: the data stayed through the failed refresh and its retry.
    expect(log.committed[0]).toBe('loading')
    expect(new Set(log.committed.slice(1))).toEqual(new Set(['success:1']))
  })

  it('sends programming errors (not Ferry errors) to the error boundary', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const client = testClient()
    render(
      <Boundary>
        <MissingParam client={client} />
      </Boundary>,
    )
    await screen.findByText('crashed')
    vi.mocked(console.error).mockRestore()
  })
})

describe('useFetch retrying', () => {
  function flaky(failures: number, retryAfter = '3') {
    let calls = 0
    server.use(
      http.get(`${BASE}/flaky`, () => {
        calls++
        return calls <= failures
          ? new HttpResponse(null, { status: 503, headers: { 'Retry-After': retryAfter } })
          : HttpResponse.json({ id: 'ok' })
      }),
    )
    return () => calls
  }

  it('counts down while the client backs off, and clears on success', async () => {
    vi.useFakeTimers()
    flaky(1)
    const client = testClient()
    // A countdown display re-renders on its own clock; here the test re-renders once a second.
    const view = render(<RetryText client={client} />)
    await act(() => vi.advanceTimersByTimeAsync(1))
    expect(out()).toBe('retrying in 3 s (2 of 3)')
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    view.rerender(<RetryText client={client} />)
    expect(out()).toBe('retrying in 2 s (2 of 3)')
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    view.rerender(<RetryText client={client} />)
    expect(out()).toBe('retrying in 1 s (2 of 3)')
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    expect(out()).toBe('success')
  })

  it('never shows the previous key’s countdown after a key change, not even on the first render', async () => {
    vi.useFakeTimers()
    flaky(5)
    server.use(http.get(`${BASE}/other`, () => HttpResponse.json({ id: 'other' })))
    const client = testClient()
    const seen: string[] = []
    const view = render(<Switching client={client} path="/flaky" seen={seen} />)
    await act(() => vi.advanceTimersByTimeAsync(1))
    expect(seen.at(-1)).toBe('/flaky retrying 2')
    view.rerender(<Switching client={client} path="/other" seen={seen} />)
    await act(() => vi.advanceTimersByTimeAsync(1))
    const after = seen.slice(seen.indexOf('/other loading'))
    expect(after[0]).toBe('/other loading')
    expect(seen.filter((line) => line.startsWith('/other'))).toEqual(after)
    expect(after.at(-1)).toBe('/other success')
    expect(after.some((line) => line.includes('retrying'))).toBe(false)
  })

  it('renders once per retry when retrying is read, and never when it is not', async () => {
    vi.useFakeTimers()
    const counts = { reader: 0, ignorer: 0 }
    const client = testClient()
    // One act per step: React batches every update inside one act into one render.
    const advance = async () => {
      for (let step = 0; step < 10; step++) await act(() => vi.advanceTimersByTimeAsync(500))
    }
    const calls = flaky(2, '1')
    render(<Counted client={client} readRetrying count={() => counts.reader++} />)
    await advance()
    expect(calls()).toBe(3)
    expect(counts.reader).toBe(4) // loading, retry 1, retry 2, success
    flaky(2, '1')
    render(<Counted client={client} readRetrying={false} count={() => counts.ignorer++} />)
    await advance()
    expect(counts.ignorer).toBe(2) // loading, success
  })
})
