// Cases ported from the peers' own suites (TanStack Query v5's react-query tests, SWR's test/use-swr-*.test.tsx),
// kept where Ferry promises the same behaviour. Each names the peer test it comes from.
import type { Client } from '@ferry/client'
import {
  type DehydratedState,
  dehydrate,
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
} from '@tanstack/react-query'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import {
  type ReactNode,
  StrictMode,
  Suspense,
  startTransition,
  useEffect,
  useLayoutEffect,
  useState,
} from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { apiQuery } from './api-query.js'
import { FerryProvider } from './provider.js'
import { QueryState } from './query-state.js'
import { renderWithQuery } from './test-support/render.js'
import { BASE, server, testClient, untilAborted } from './test-support/server.js'
import { useApiMutation } from './use-api-mutation.js'
import { useApiQuery } from './use-api-query.js'
import { useFetch } from './use-fetch.js'
import { useInfiniteApiQuery } from './use-infinite-api-query.js'
import { usePaginatedQuery } from './use-paginated-query.js'
import { useSuspenseApiQuery } from './use-suspense-api-query.js'
import type { ViewState } from './view-state.js'

interface Item {
  readonly id: string
}

/** GET /items/:id: ids in `hang` answer only when aborted, ids in `fail` answer 503, the rest at once. */
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
      return fail.includes(id) ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ id })
    }),
  )
  return seen
}

/** Lets the test say when the server answers. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { opened, open: () => open() }
}

/** A client whose fetch answers `body` after 20 ms, keeping the signal of every request it was sent. */
function slowClient(body: object) {
  const sent: AbortSignal[] = []
  const client = testClient({
    fetch: (_input, init) => {
      if (init?.signal) sent.push(init.signal)
      return new Promise((resolve) => setTimeout(() => resolve(Response.json(body)), 20))
    },
  })
  return { client, sent }
}

/** GET /items/:id answering once `answer.open()` is called, counting the requests started and aborted. */
function gatedItems() {
  const answer = gate()
  const seen = { started: 0, aborted: 0 }
  server.use(
    http.get(`${BASE}/items/:id`, async ({ params, request }) => {
      seen.started++
      request.signal.addEventListener('abort', () => seen.aborted++)
      await answer.opened
      return HttpResponse.json({ id: params.id })
    }),
  )
  return { answer, seen }
}

const text = (state: ViewState<Item>) =>
  `${state.status}${state.data ? `:${state.data.id}` : ''}${state.isFetching ? ' fetching' : ''}`

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 30)))

function Row({ path, client }: { readonly path: string | null; readonly client: Client }) {
  const state = useFetch<Item>(path, { client })
  return <li>{text(state)}</li>
}

/** Two hooks on one key in one component; a click gives them the key. Records both on every render. */
function Twins({ client, pairs }: { readonly client: Client; readonly pairs: Array<[string, string]> }) {
  const [path, setPath] = useState<string | null>(null)
  const a = useFetch<Item>(path, { client })
  const b = useFetch<Item>(path, { client })
  pairs.push([text(a), text(b)])
  return (
    <button type="button" onClick={() => setPath('/items/1')}>
      {text(a)}
    </button>
  )
}

function TwoRows({ client, first }: { readonly client: Client; readonly first: boolean }) {
  return (
    <ul>
      {first && <Row key="first" path="/items/1" client={client} />}
      <Row key="second" path="/items/1" client={client} />
    </ul>
  )
}

function Query({ id, committed }: { readonly id: string; readonly committed: string[] }) {
  const state = useApiQuery<Item>('/items/:id', { params: { id } })
  useLayoutEffect(() => {
    committed.push(text(state))
  })
  return <p>{text(state)}</p>
}

function Orders({ page, committed }: { readonly page: number; readonly committed: string[] }) {
  const state = usePaginatedQuery<{ readonly data: string[] }>('/orders', { page })
  const shown = `${state.status}${state.data ? `:${state.data.data.join()}` : ''}${state.isPlaceholder ? ' placeholder' : ''}`
  useLayoutEffect(() => {
    committed.push(shown)
  })
  return <p>{shown}</p>
}

function SuspenseItem() {
  const state = useSuspenseApiQuery<Item>('/items/1')
  return <p>{`${state.status}:${state.data.id}`}</p>
}

/** Presses send { n: 1 }, { n: 2 }…; each success is recorded. */
function Presses({ succeeded }: { readonly succeeded: unknown[] }) {
  const [count, setCount] = useState(0)
  const create = useApiMutation<{ readonly n: number }>(
    'POST',
    '/orders',
    {},
    { onSuccess: (data) => succeeded.push(data) },
  )
  return (
    <button
      type="button"
      onClick={() => {
        create.mutate({ n: count + 1 })
        setCount(count + 1)
      }}
    >
      {create.status}
    </button>
  )
}

/** Saves each draft once, from an effect that lists `mutate` (as the hooks lint rule asks); records the runs. */
function AutoSave({ draft, runs }: { readonly draft: { readonly n: number }; readonly runs: string[] }) {
  const save = useApiMutation<{ readonly n: number }>('POST', '/orders')
  const { mutate, mutateAsync, reset } = save
  useEffect(() => {
    runs.push('save')
    mutate(draft)
  }, [draft, mutate, runs])
  // The other two handed-out functions keep their identity as well.
  useEffect(() => {
    runs.push(`others ${typeof mutateAsync} ${typeof reset}`)
  }, [mutateAsync, reset, runs])
  return <p>{save.status}</p>
}

/** Loads the next page once the first is on screen, from an effect that lists fetchNextPage (infinite scroll). */
function EndlessFeed({ runs }: { readonly runs: string[] }) {
  const feed = useInfiniteApiQuery<{ readonly items: string[] }>('/feed')
  const { fetchNextPage } = feed
  const loaded = feed.status === 'success'
  useEffect(() => {
    if (!loaded) return
    runs.push('effect')
    fetchNextPage()
  }, [loaded, fetchNextPage, runs])
  return <p>{feed.data ? feed.data.flatMap((page) => page.items).join() : feed.status}</p>
}

/** One row on /items/1 whose component is replaced by another (a new React key) when `swapped`. */
function Swapped({ client, swapped }: { readonly client: Client; readonly swapped: boolean }) {
  return (
    <ul>
      {swapped ? (
        <Row key="new" path="/items/1" client={client} />
      ) : (
        <Row key="old" path="/items/1" client={client} />
      )}
    </ul>
  )
}

/** useFetch with keepPrevious, printing what it shows. */
function Kept({ path, client }: { readonly path: string; readonly client: Client }) {
  const state = useFetch<Item>(path, { client, keepPrevious: true })
  return <p>{`${text(state)}${state.isPlaceholder ? ' placeholder' : ''}`}</p>
}

/** Each render's state of a useFetch under the provider's client, recorded. */
function Tenant({ seen }: { readonly seen: string[] }) {
  const state = useFetch<Item>('/me')
  seen.push(text(state))
  return <p>{text(state)}</p>
}

/** A retry countdown, read (so the component follows it). */
function Flaky({ client }: { readonly client: Client }) {
  const state = useFetch<Item>('/flaky', { client })
  return <li>{state.retrying ? `retrying ${state.retrying.attempt}` : text(state)}</li>
}

/** A detail shown with useFetch, and a Retry button for it. */
function Detail({ id, client }: { readonly id: string; readonly client: Client }) {
  const state = useFetch<Item>(`/items/${id}`, { client })
  return (
    <>
      <p data-testid="detail">{text(state)}</p>
      <button type="button" onClick={state.refetch}>
        retry
      </button>
    </>
  )
}

function Heavy({ id }: { readonly id: string }) {
  const state = useSuspenseApiQuery<Item>(`/heavy/${id}`)
  return <p>{`heavy:${state.data.id}`}</p>
}

/** A screen whose next id is set in a transition; a sibling suspends on it, so the transition waits. */
function Screen({ client }: { readonly client: Client }) {
  const [id, setId] = useState('0')
  return (
    <>
      <button type="button" onClick={() => startTransition(() => setId('1'))}>
        next
      </button>
      <Suspense fallback={<p>waiting</p>}>
        <Detail id={id} client={client} />
        <Heavy id={id} />
      </Suspense>
    </>
  )
}

/** A pay button for the order on screen. */
function PayButton({ id }: { readonly id: string }) {
  const pay = useApiMutation<{ readonly amount: number }>('POST', '/orders/:id/pay', { params: { id } })
  return (
    <button type="button" onClick={() => pay.mutate({ amount: 1 })}>
      {`pay ${id}`}
    </button>
  )
}

/** As Screen, with a pay button instead of a detail. */
function PayScreen() {
  const [id, setId] = useState('0')
  return (
    <>
      <button type="button" onClick={() => startTransition(() => setId('1'))}>
        next
      </button>
      <Suspense fallback={<p>waiting</p>}>
        <PayButton id={id} />
        <Heavy id={id} />
      </Suspense>
    </>
  )
}

/** A cursor feed filtered by status. */
function FilteredFeed({ status }: { readonly status: string }) {
  const feed = useInfiniteApiQuery<{ readonly items: string[] }>('/feed', { query: { status } })
  return <p>{feed.data ? feed.data.flatMap((page) => page.items).join() : feed.status}</p>
}

/** An order shown with Suspense; "next" moves to the next id in a transition. */
function SuspenseOrder() {
  const [id, setId] = useState(0)
  return (
    <Suspense fallback={<p>waiting</p>}>
      <button type="button" onClick={() => startTransition(() => setId(id + 1))}>
        next
      </button>
      <Heavy id={String(id)} />
    </Suspense>
  )
}

/** Three uploads at once with mutateAsync and Promise.allSettled; prints each outcome. */
function Uploads() {
  const upload = useApiMutation<{ readonly n: number }>('POST', '/orders')
  const [outcome, setOutcome] = useState('')
  const send = (ns: number[]) =>
    Promise.allSettled(ns.map((n) => upload.mutateAsync({ n }))).then((results) =>
      setOutcome(results.map((result) => result.status).join()),
    )
  return (
    <>
      <button type="button" onClick={() => send([1, 2, 3])}>
        all
      </button>
      <button type="button" onClick={() => send([2])}>
        again
      </button>
      <p>{outcome}</p>
    </>
  )
}

describe('useFetch, from SWR', () => {
  // SWR use-swr-key: 'should keep data in sync when key updates'
  it('keeps two hooks on one key in one component in sync on every render, with one request', async () => {
    const api = itemsApi()
    const pairs: Array<[string, string]> = []
    render(<Twins client={testClient()} pairs={pairs} />)
    fireEvent.click(screen.getByRole('button'))
    await screen.findByText('success:1')
    expect(pairs.filter(([a, b]) => a !== b)).toEqual([])
    expect(api.started).toEqual(['1'])
  })

  // SWR use-swr-loading: 'should sync all validating states if errored'
  it('puts every component sharing a failing request in the error state, no longer fetching', async () => {
    const api = itemsApi({ fail: ['1'] })
    const client = testClient()
    render(
      <ul>
        <Row path="/items/1" client={client} />
        <Row path="/items/1" client={client} />
      </ul>,
    )
    expect(screen.getAllByText('loading fetching')).toHaveLength(2)
    await vi.waitFor(() => expect(screen.getAllByText('error')).toHaveLength(2))
    // One request and the client's two retries, for both components.
    expect(api.started).toEqual(['1', '1', '1'])
  })

  // SWR use-swr-key: 'should cleanup state when key turns to empty'
  it('goes idle, not fetching, when the key turns to null while a request is in flight, and aborts it', async () => {
    const api = itemsApi({ hang: ['1'] })
    const client = testClient()
    const view = render(<Row path="/items/1" client={client} />)
    await vi.waitFor(() => expect(api.started).toEqual(['1']))
    view.rerender(<Row path={null} client={client} />)
    expect(screen.getByRole('listitem').textContent).toBe('idle')
    await vi.waitFor(() => expect(api.aborted).toEqual(['1']))
  })

  // SWR use-swr-error: 'should trigger revalidation when first hook is unmount'
  it('lets the others keep a shared request when the component that started it leaves', async () => {
    const { answer, seen } = gatedItems()
    const client = testClient()
    const view = render(<TwoRows client={client} first />)
    await vi.waitFor(() => expect(seen.started).toBe(1))
    view.rerender(<TwoRows client={client} first={false} />)
    answer.open()
    await screen.findByText('success:1')
    expect(seen.started).toBe(1)
    expect(seen.aborted).toBe(0)
  })

  // SWR use-swr-integration: 'should dedupe requests by default' — here the second asker mounts in the commit
  // that unmounts the first (a list re-keyed, a route that keeps the same data on screen).
  it('lets a component that replaces another on the same key in one commit take over its request', async () => {
    const { answer, seen } = gatedItems()
    const client = testClient()
    const view = render(<Swapped client={client} swapped={false} />)
    await vi.waitFor(() => expect(seen.started).toBe(1))
    view.rerender(<Swapped client={client} swapped />)
    answer.open()
    await screen.findByText('success:1')
    expect(seen.started).toBe(1)
    expect(seen.aborted).toBe(0)
  })

  // SWR use-swr-integration: 'should dedupe requests by default', in a StrictMode app (its development
  // remount), as the query hooks already do.
  it('sends one request in a StrictMode app, and no aborted one', async () => {
    const { client, sent } = slowClient({ id: '1' })
    render(
      <StrictMode>
        <Row path="/items/1" client={client} />
      </StrictMode>,
    )
    await screen.findByText('success:1')
    expect(sent.map((signal) => signal.aborted)).toEqual([false])
  })

  // TanStack useQuery: 'should transition to error state when placeholderData is set'
  it('with keepPrevious, shows the new key’s failure as an error, not the old data', async () => {
    itemsApi({ fail: ['2'] })
    const client = testClient({ retry: false })
    const view = render(<Kept path="/items/1" client={client} />)
    await screen.findByText('success:1')
    view.rerender(<Kept path="/items/2" client={client} />)
    expect(screen.getByRole('paragraph').textContent).toBe('success:1 fetching placeholder')
    await screen.findByText('error')
  })

  // SWR use-swr-key: 'should render undefined after key has changed' — here the key changes with the client
  // (a user signs out and another signs in): the client's identity is part of the key.
  it('shows loading, never the previous client’s data, on the first render after the client changes', async () => {
    server.use(
      http.get(`${BASE}/me`, ({ request }) =>
        HttpResponse.json({ id: request.headers.get('authorization') === 'Bearer b' ? 'bob' : 'alice' }),
      ),
    )
    const alice = testClient({ headers: { Authorization: 'Bearer a' } })
    const bob = testClient({ headers: { Authorization: 'Bearer b' } })
    const seen: string[] = []
    const view = render(
      <FerryProvider client={alice}>
        <Tenant seen={seen} />
      </FerryProvider>,
    )
    await screen.findByText('success:alice')
    seen.length = 0
    view.rerender(
      <FerryProvider client={bob}>
        <Tenant seen={seen} />
      </FerryProvider>,
    )
    await screen.findByText('success:bob')
    expect(seen[0]).toBe('loading fetching')
    expect(seen.filter((state) => state.includes('alice'))).toEqual([])
  })

  // SWR use-swr-loading: 'should sync validating states' — here the retry progress of a shared request.
  it('shows the retry progress of a shared request in every component that shares it', async () => {
    vi.useFakeTimers()
    let calls = 0
    server.use(
      http.get(`${BASE}/flaky`, () => {
        calls++
        return calls === 1
          ? new HttpResponse(null, { status: 503, headers: { 'Retry-After': '2' } })
          : HttpResponse.json({ id: 'ok' })
      }),
    )
    const client = testClient()
    try {
      render(
        <ul>
          <Flaky client={client} />
          <Flaky client={client} />
        </ul>,
      )
      await act(() => vi.advanceTimersByTimeAsync(1))
      expect(screen.getAllByRole('listitem').map((row) => row.textContent)).toEqual([
        'retrying 2',
        'retrying 2',
      ])
      await act(() => vi.advanceTimersByTimeAsync(2_000))
      expect(screen.getAllByRole('listitem').map((row) => row.textContent)).toEqual([
        'success:ok',
        'success:ok',
      ])
      expect(calls).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('useFetch in a transition, from TanStack Query', () => {
  // TanStack transition: 'should keep values of old key around with startTransition' — and while the old key is
  // on screen, its Retry must refetch the old key, not the one of the render React has not committed.
  it('refetches the key on screen while a transition to another key waits', async () => {
    const heavy = gate()
    const api = itemsApi()
    server.use(
      http.get(`${BASE}/heavy/:id`, async ({ params }) => {
        if (params.id === '1') await heavy.opened
        return HttpResponse.json({ id: params.id })
      }),
    )
    const client = testClient()
    renderWithQuery(<Screen client={client} />, client)
    await screen.findByText('heavy:0')
    await screen.findByText('success:0')
    fireEvent.click(screen.getByRole('button', { name: 'next' }))
    await settle()
    // The transition waits for /heavy/1: the screen still shows id 0.
    expect(screen.getByText('heavy:0')).toBeTruthy()
    api.started.length = 0
    fireEvent.click(screen.getByRole('button', { name: 'retry' }))
    await settle()
    expect(api.started).toEqual(['0'])
    expect(screen.getByTestId('detail').textContent).toBe('success:0')
    heavy.open()
    await screen.findByText('heavy:1')
    await vi.waitFor(() => expect(screen.getByTestId('detail').textContent).toBe('success:1'))
  })
})

describe('useApiQuery, from TanStack Query', () => {
  // TanStack useQuery: 'should cancel the query if the signal was consumed and there are no more subscriptions'
  it('aborts the previous key’s request at the server on a key change', async () => {
    const api = itemsApi({ hang: ['1'] })
    const view = renderWithQuery(<Query id="1" committed={[]} />)
    await vi.waitFor(() => expect(api.started).toEqual(['1']))
    view.rerender(<Query id="2" committed={[]} />)
    await screen.findByText('success:2')
    await vi.waitFor(() => expect(api.aborted).toEqual(['1']))
  })

  // TanStack useQuery: 'should refetch when quickly switching to a failed query' (here: to a cancelled one)
  it('fetches a key again when coming back to it after its request was aborted, never showing an error', async () => {
    const hang = ['1']
    const api = itemsApi({ hang })
    const committed: string[] = []
    const view = renderWithQuery(<Query id="1" committed={committed} />)
    await vi.waitFor(() => expect(api.started).toEqual(['1']))
    view.rerender(<Query id="2" committed={committed} />)
    await screen.findByText('success:2')
    await vi.waitFor(() => expect(api.aborted).toEqual(['1']))
    hang.length = 0
    view.rerender(<Query id="1" committed={committed} />)
    await screen.findByText('success:1')
    expect(committed.filter((state) => state.startsWith('error'))).toEqual([])
    expect(api.started).toEqual(['1', '2', '1'])
  })
})

describe('usePaginatedQuery, from TanStack Query', () => {
  // TanStack useQuery: 'should keep the previous data when placeholderData is set and cache is used'
  it('shows a page seen before at once when paging back, without loading or a placeholder', async () => {
    server.use(
      http.get(`${BASE}/orders`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'))
        return HttpResponse.json({ data: [`${page}-a`], meta: { page, hasNextPage: false } })
      }),
    )
    const committed: string[] = []
    const view = renderWithQuery(<Orders page={1} committed={committed} />)
    await screen.findByText('success:1-a')
    view.rerender(<Orders page={2} committed={committed} />)
    await screen.findByText('success:2-a')
    committed.length = 0
    view.rerender(<Orders page={1} committed={committed} />)
    expect(committed[0]).toBe('success:1-a')
    await settle()
    expect(committed.filter((state) => state !== 'success:1-a')).toEqual([])
  })

  // TanStack useQuery: 'should transition to error state when placeholderData is set'
  it('shows a failing next page as an error, not the previous page’s rows', async () => {
    server.use(
      http.get(`${BASE}/orders`, ({ request }) => {
        const page = Number(new URL(request.url).searchParams.get('page'))
        return page === 2
          ? new HttpResponse(null, { status: 404 })
          : HttpResponse.json({ data: [`${page}-a`], meta: { page, hasNextPage: false } })
      }),
    )
    const committed: string[] = []
    const view = renderWithQuery(<Orders page={1} committed={committed} />)
    await screen.findByText('success:1-a')
    view.rerender(<Orders page={2} committed={committed} />)
    expect(screen.getByText('success:1-a placeholder')).toBeTruthy()
    await screen.findByText('error')
  })
})

describe('useInfiniteApiQuery, from TanStack Query', () => {
  // TanStack useInfiniteQuery: 'should silently cancel an ongoing fetchNextPage request when another
  // fetchNextPage is invoked' — its effect lists fetchNextPage and runs once: the function is stable.
  it('keeps fetchNextPage the same function across renders: an effect that lists it loads one page', async () => {
    const cursors: string[] = []
    server.use(
      http.get(`${BASE}/feed`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor') ?? ''
        cursors.push(cursor)
        const next = cursor === '' ? 'b' : cursor === 'b' ? 'c' : null
        return HttpResponse.json({ items: [cursor || 'a'], nextCursor: next })
      }),
    )
    const runs: string[] = []
    renderWithQuery(<EndlessFeed runs={runs} />)
    await screen.findByText('a,b')
    await settle()
    expect(runs).toEqual(['effect'])
    expect(cursors).toEqual(['', 'b'])
  })

  // TanStack useInfiniteQuery: 'should cancel the query function when there are no more subscriptions' — here
  // the subscription moves to another filter.
  it('aborts the previous filter’s first page at the server when the filter changes', async () => {
    const started: string[] = []
    const aborted: string[] = []
    server.use(
      http.get(`${BASE}/feed`, async ({ request }) => {
        const status = new URL(request.url).searchParams.get('status') ?? ''
        started.push(status)
        if (status === 'open') {
          await untilAborted(request.signal)
          aborted.push(status)
          return HttpResponse.error()
        }
        return HttpResponse.json({ items: [status], nextCursor: null })
      }),
    )
    const view = renderWithQuery(<FilteredFeed status="open" />)
    await vi.waitFor(() => expect(started).toEqual(['open']))
    view.rerender(<FilteredFeed status="paid" />)
    await screen.findByText('paid')
    await vi.waitFor(() => expect(aborted).toEqual(['open']))
  })

  // TanStack useSuspenseQuery: 'should not call the queryFn twice when used in Suspense mode' — the infinite
  // hook in a StrictMode app, which the README promises as for every query hook.
  it('sends one request for the first page in a StrictMode app, and no aborted one', async () => {
    const { client, sent } = slowClient({ items: ['a'], nextCursor: null })
    render(
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <FerryProvider client={client}>
            <FilteredFeed status="open" />
          </FerryProvider>
        </QueryClientProvider>
      </StrictMode>,
    )
    await screen.findByText('a')
    expect(sent.map((signal) => signal.aborted)).toEqual([false])
  })
})

describe('useSuspenseApiQuery, from TanStack Query', () => {
  // TanStack useSuspenseQuery: 'should not call the queryFn twice when used in Suspense mode'
  it('sends one request in a StrictMode app, and no aborted one', async () => {
    const { client, sent } = slowClient({ id: '1' })
    render(
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <FerryProvider client={client}>
            <Suspense fallback={<p>waiting</p>}>
              <SuspenseItem />
            </Suspense>
          </FerryProvider>
        </QueryClientProvider>
      </StrictMode>,
    )
    await screen.findByText('success:1')
    expect(sent.map((signal) => signal.aborted)).toEqual([false])
  })

  // TanStack transition: 'should keep values of old key around with startTransition'
  it('keeps the old key’s data on screen, without the fallback, while a transition to the next key loads', async () => {
    const next = gate()
    server.use(
      http.get(`${BASE}/heavy/:id`, async ({ params }) => {
        if (params.id === '1') await next.opened
        return HttpResponse.json({ id: params.id })
      }),
    )
    renderWithQuery(<SuspenseOrder />)
    await screen.findByText('heavy:0')
    fireEvent.click(screen.getByRole('button', { name: 'next' }))
    await settle()
    expect(screen.getByText('heavy:0')).toBeTruthy()
    expect(screen.queryByText('waiting')).toBeNull()
    next.open()
    await screen.findByText('heavy:1')
  })
})

/** POST /orders: records each request's key and body, and answers 201 with the body. */
function ordersApi() {
  const seen: Array<{ key: string; body: unknown }> = []
  server.use(
    http.post(`${BASE}/orders`, async ({ request }) => {
      const body: unknown = await request.json()
      seen.push({ key: request.headers.get('idempotency-key') ?? '', body })
      return new HttpResponse(JSON.stringify(body), {
        status: 201,
        headers: { 'Content-Type': 'application/json' },
      })
    }),
  )
  return seen
}

describe('useApiMutation, from TanStack Query', () => {
  // TanStack useMutation: 'should be able to call `onSuccess` and `onSettled` after each successful mutate'
  it('sends three presses with three drafts as three submissions, each with its own key and onSuccess', async () => {
    const seen = ordersApi()
    const succeeded: unknown[] = []
    renderWithQuery(<Presses succeeded={succeeded} />)
    for (let i = 0; i < 3; i++) fireEvent.click(screen.getByRole('button'))
    await vi.waitFor(() => expect(succeeded).toHaveLength(3))
    expect(succeeded).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
    expect(seen.map((request) => request.body)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
    expect(new Set(seen.map((request) => request.key)).size).toBe(3)
  })

  // TanStack useMutation: its `mutate`, `mutateAsync` and `reset` keep their identity (useCallback on the
  // observer), so effects list them; every useMutation test that calls mutate from an effect relies on it.
  it('keeps mutate, mutateAsync and reset the same functions across renders: an auto-save effect posts once', async () => {
    const seen = ordersApi()
    const runs: string[] = []
    const draft = { n: 1 }
    renderWithQuery(<AutoSave draft={draft} runs={runs} />)
    await screen.findByText('success')
    await settle()
    expect(runs).toEqual(['save', 'others function function'])
    expect(seen).toHaveLength(1)
  })

  // TanStack transition: 'should keep values of old key around with startTransition' — a press on what is on
  // screen sends what is on screen, also while a transition to other props waits.
  it('sends the request of the committed render while a transition waits', async () => {
    const heavy = gate()
    const paid: string[] = []
    server.use(
      http.get(`${BASE}/heavy/:id`, async ({ params }) => {
        if (params.id === '1') await heavy.opened
        return HttpResponse.json({ id: params.id })
      }),
      http.post(`${BASE}/orders/:id/pay`, ({ params }) => {
        paid.push(String(params.id))
        return HttpResponse.json({ ok: true })
      }),
    )
    renderWithQuery(<PayScreen />)
    await screen.findByText('heavy:0')
    fireEvent.click(screen.getByRole('button', { name: 'next' }))
    await settle()
    fireEvent.click(screen.getByRole('button', { name: 'pay 0' }))
    await vi.waitFor(() => expect(paid).toEqual(['0']))
    heavy.open()
    await screen.findByText('heavy:1')
  })

  // TanStack useMutation: 'should handle partial failure in parallel mutateAsync calls with Promise.allSettled'
  it('keeps each parallel submission’s own key: trying the failed one again reuses its key and resends nothing else', async () => {
    const sent: Array<{ readonly n: number; readonly key: string }> = []
    let failures = 0
    server.use(
      http.post(`${BASE}/orders`, async ({ request }) => {
        const body: unknown = await request.json()
        const n =
          typeof body === 'object' && body !== null && 'n' in body && typeof body.n === 'number' ? body.n : 0
        sent.push({ n, key: request.headers.get('idempotency-key') ?? '' })
        // Draft 2 meets a 503 on its first call and the client's two retries; it may have reached the server.
        if (n === 2 && failures < 3) {
          failures++
          return new HttpResponse(null, { status: 503, headers: { 'Retry-After': '0' } })
        }
        return new HttpResponse(JSON.stringify(body), {
          status: 201,
          headers: { 'Content-Type': 'application/json' },
        })
      }),
    )
    renderWithQuery(<Uploads />)
    fireEvent.click(screen.getByRole('button', { name: 'all' }))
    await screen.findByText('fulfilled,rejected,fulfilled')
    const keyOf = (n: number) =>
      new Set(sent.filter((request) => request.n === n).map((request) => request.key))
    expect(keyOf(2).size).toBe(1)
    expect(new Set([...keyOf(1), ...keyOf(2), ...keyOf(3)]).size).toBe(3)
    const before = sent.length
    fireEvent.click(screen.getByRole('button', { name: 'again' }))
    await screen.findByText('fulfilled')
    expect(sent.slice(before)).toEqual([{ n: 2, key: [...keyOf(2)][0] }])
  })
})

/** The orders list of the README's server-rendering example. */
function OrderList() {
  const orders = useApiQuery<Item[]>('/orders', { scope: 'orders-api' }, { staleTime: 60_000 })
  return <QueryState state={orders}>{(rows) => rows.map((row) => row.id).join()}</QueryState>
}

function Providers({
  queryClient,
  client,
  children,
}: {
  readonly queryClient: QueryClient
  readonly client: Client
  readonly children: ReactNode
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <FerryProvider client={client}>{children}</FerryProvider>
    </QueryClientProvider>
  )
}

describe('server rendering, from TanStack Query', () => {
  // TanStack ssr-hydration: 'should not mismatch on error' — the README's renderPage, with an API that fails.
  it('hydrates a page whose prefetch failed without a mismatch, then fetches in the browser', async () => {
    let fail = true
    server.use(
      http.get(`${BASE}/orders`, () =>
        fail ? new HttpResponse(null, { status: 503 }) : HttpResponse.json([{ id: '1' }]),
      ),
    )
    // On the server, per request, as the README shows it.
    const serverClient = testClient({ retry: false })
    const queryClient = new QueryClient()
    await queryClient.prefetchQuery(apiQuery(serverClient, '/orders', { scope: 'orders-api' }))
    const html = renderToString(
      <Providers queryClient={queryClient} client={serverClient}>
        <OrderList />
      </Providers>,
    )
    const state: DehydratedState = JSON.parse(JSON.stringify(dehydrate(queryClient)))
    // In the browser.
    fail = false
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const recoverable = vi.fn()
    const root = await act(async () =>
      hydrateRoot(
        container,
        <Providers queryClient={new QueryClient()} client={testClient()}>
          <HydrationBoundary state={state}>
            <OrderList />
          </HydrationBoundary>
        </Providers>,
        { onRecoverableError: recoverable },
      ),
    )
    await vi.waitFor(() => expect(container.textContent).toBe('1'))
    expect(recoverable).not.toHaveBeenCalled()
    act(() => root.unmount())
    container.remove()
  })
})
