import type { Client } from '@ferry/client'
import { screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { useLayoutEffect } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { QueryState } from './query-state.js'
import { renderWithQuery } from './test-support/render.js'
import { BASE, server, testClient } from './test-support/server.js'
import { usePaginatedQuery } from './use-paginated-query.js'

interface Page {
  readonly data: ReadonlyArray<string>
  readonly meta: { readonly page: number; readonly totalPages: number; readonly hasNextPage: boolean }
}

/** Three pages of two rows; page 3 waits for `release()`. */
function api() {
  const requested: number[] = []
  let release = () => {}
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  server.use(
    http.get(`${BASE}/orders`, async ({ request }) => {
      const page = Number(new URL(request.url).searchParams.get('page'))
      requested.push(page)
      if (page === 3) await gate
      return HttpResponse.json({
        data: [`${page}-a`, `${page}-b`],
        meta: { page, totalPages: 3, hasNextPage: page < 3 },
      })
    }),
  )
  return { requested, release: () => release() }
}

function Orders({
  page,
  committed,
  staleTime,
  client,
}: {
  readonly page: number
  readonly committed: string[]
  readonly staleTime?: number
  readonly client?: Client
}) {
  const state = usePaginatedQuery<Page>(
    '/orders',
    { page, query: { status: 'open' }, ...(client ? { client } : {}) },
    staleTime === undefined ? {} : { staleTime },
  )
  useLayoutEffect(() => {
    committed.push(`${state.status}${state.isPlaceholder ? ' placeholder' : ''}`)
  })
  return (
    <QueryState state={state}>
      {(result) => (
        <ul aria-busy={state.isPlaceholder}>
          {result.data.map((row) => (
            <li key={row}>{row}</li>
          ))}
        </ul>
      )}
    </QueryState>
  )
}

const rows = () => screen.getAllByRole('listitem').map((item) => item.textContent)

describe('usePaginatedQuery', () => {
  it('keeps the previous rows with isPlaceholder, and no loading state, while the next page loads', async () => {
    const orders = api()
    const committed: string[] = []
    const view = renderWithQuery(<Orders page={1} committed={committed} />)
    await screen.findByText('1-a')
    view.rerender(<Orders page={3} committed={committed} />)
    expect(rows()).toEqual(['1-a', '1-b'])
    expect(screen.getByRole('list').getAttribute('aria-busy')).toBe('true')
    expect(screen.queryByRole('status')).toBeNull()
    orders.release()
    await screen.findByText('3-a')
    expect(screen.getByRole('list').getAttribute('aria-busy')).toBe('false')
    expect(committed.slice(1).every((state) => state.startsWith('success'))).toBe(true)
    expect(committed).toContain('success placeholder')
  })

  it('never keeps another client’s page as the placeholder: after a change of client it shows loading', async () => {
    const orders = api()
    orders.release()
    const committed: string[] = []
    const alice = testClient({ headers: { Authorization: 'Bearer a' } })
    const bob = testClient({ headers: { Authorization: 'Bearer b' } })
    const view = renderWithQuery(<Orders page={1} committed={committed} client={alice} />)
    await screen.findByText('1-a')
    committed.length = 0
    view.rerender(<Orders page={1} committed={committed} client={bob} />)
    expect(committed[0]).toBe('loading')
    await screen.findByText('1-a')
    expect(committed).not.toContain('success placeholder')
  })

  it('prefetches the next page with queryClient.query, so paging forward shows it at once', async () => {
    const orders = api()
    const committed: string[] = []
    const view = renderWithQuery(<Orders page={1} committed={committed} />)
    const query = vi.spyOn(view.queryClient, 'query')
    await screen.findByText('1-a')
    await vi.waitFor(() => expect(orders.requested).toEqual([1, 2]))
    expect(query).toHaveBeenCalledTimes(1)
    view.rerender(<Orders page={2} committed={committed} />)
    expect(rows()).toEqual(['2-a', '2-b'])
    expect(committed.at(-1)).toBe('success')
  })

  it('uses the prefetched page with the default staleTime instead of fetching it again', async () => {
    const orders = api()
    const committed: string[] = []
    const view = renderWithQuery(<Orders page={1} committed={committed} />)
    await vi.waitFor(() => expect(orders.requested).toEqual([1, 2]))
    view.rerender(<Orders page={2} committed={committed} />)
    expect(rows()).toEqual(['2-a', '2-b'])
    // Page 2 being shown prefetches page 3 (which waits): page 2 itself is not asked for again.
    await vi.waitFor(() => expect(orders.requested).toContain(3))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(orders.requested.filter((page) => page === 2)).toHaveLength(1)
    orders.release()
  })

  it('does not prefetch again a next page that is still fresh by the query’s own staleTime', async () => {
    const orders = api()
    const committed: string[] = []
    const view = renderWithQuery(<Orders page={1} committed={committed} staleTime={60_000} />)
    await vi.waitFor(() => expect(orders.requested).toEqual([1, 2]))
    view.rerender(<Orders page={2} committed={committed} staleTime={60_000} />)
    await vi.waitFor(() => expect(orders.requested).toContain(3))
    // Back to page 1: page 2 is its next page again, fetched a moment ago and fresh for a minute.
    view.rerender(<Orders page={1} committed={committed} staleTime={60_000} />)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(orders.requested.filter((page) => page === 2)).toHaveLength(1)
    expect(orders.requested.filter((page) => page === 1)).toHaveLength(1)
    orders.release()
  })

  it('does not prefetch past the last page', async () => {
    const orders = api()
    orders.release()
    const committed: string[] = []
    const view = renderWithQuery(<Orders page={2} committed={committed} />)
    const query = vi.spyOn(view.queryClient, 'query')
    await screen.findByText('2-a')
    expect(query).toHaveBeenCalledTimes(1)
    view.rerender(<Orders page={3} committed={committed} />)
    await screen.findByText('3-a')
    expect(query).toHaveBeenCalledTimes(1)
    expect(orders.requested).not.toContain(4)
  })
})
