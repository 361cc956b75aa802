import { fireEvent, screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { describeError } from './describe-error.js'
import { QueryState } from './query-state.js'
import { renderWithQuery } from './test-support/render.js'
import { BASE, server } from './test-support/server.js'
import { useInfiniteApiQuery } from './use-infinite-api-query.js'

interface FeedPage {
  readonly items: ReadonlyArray<string>
  readonly nextCursor: string | null
}

function Feed() {
  const feed = useInfiniteApiQuery<FeedPage>('/feed', { query: { status: 'open' } })
  return (
    <>
      <QueryState state={feed}>
        {(pages) => (
          <ul>
            {pages
              .flatMap((page) => page.items)
              .map((item) => (
                <li key={item}>{item}</li>
              ))}
          </ul>
        )}
      </QueryState>
      {feed.hasNextPage && (
        <button type="button" onClick={feed.fetchNextPage}>
          Load more
        </button>
      )}
      {feed.nextPageError && <p role="alert">More: {describeError(feed.nextPageError)}</p>}
    </>
  )
}

describe('useInfiniteApiQuery', () => {
  it('follows the cursor page by page until there is none', async () => {
    const seen: string[] = []
    server.use(
      http.get(`${BASE}/feed`, ({ request }) => {
        const url = new URL(request.url)
        seen.push(url.search)
        const cursor = url.searchParams.get('cursor')
        return HttpResponse.json(
          cursor === null ? { items: ['a', 'b'], nextCursor: 'c2' } : { items: ['c'], nextCursor: null },
        )
      }),
    )
    renderWithQuery(<Feed />)
    await screen.findByText('b')
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await screen.findByText('c')
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['a', 'b', 'c'])
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull()
    expect(seen).toEqual(['?status=open', '?status=open&cursor=c2'])
  })

  it('is empty when every page is empty', async () => {
    server.use(http.get(`${BASE}/feed`, () => HttpResponse.json({ items: [], nextCursor: null })))
    renderWithQuery(<Feed />)
    expect(await screen.findByText('Nothing here yet.')).toBeTruthy()
  })

  it('keeps the loaded rows when "Load more" fails, reports it in nextPageError, and clears it on success', async () => {
    let failNext = true
    server.use(
      http.get(`${BASE}/feed`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor')
        if (cursor === null) return HttpResponse.json({ items: ['a', 'b'], nextCursor: 'c2' })
        if (failNext) return HttpResponse.json({ title: 'Gone' }, { status: 404 })
        return HttpResponse.json({ items: ['c'], nextCursor: null })
      }),
    )
    renderWithQuery(<Feed />)
    await screen.findByText('b')
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/^More: /)
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['a', 'b'])
    expect(screen.queryByText(/Could not load/)).toBeNull()

    failNext = false
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await screen.findByText('c')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['a', 'b', 'c'])
  })

  it('clears nextPageError as soon as the next "Load more" starts', async () => {
    let next: 'fail' | 'hang' = 'fail'
    server.use(
      http.get(`${BASE}/feed`, async ({ request }) => {
        if (!new URL(request.url).searchParams.has('cursor'))
          return HttpResponse.json({ items: ['a'], nextCursor: 'c2' })
        if (next === 'fail') return HttpResponse.json({ title: 'Gone' }, { status: 404 })
        await new Promise(() => {})
        return HttpResponse.json({ items: [], nextCursor: null })
      }),
    )
    renderWithQuery(<Feed />)
    await screen.findByText('a')
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await screen.findByRole('alert')
    next = 'hang'
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['a'])
  })

  it('is an error state when the first page fails', async () => {
    server.use(http.get(`${BASE}/feed`, () => HttpResponse.json({ title: 'Gone' }, { status: 404 })))
    renderWithQuery(<Feed />)
    const alerts = await screen.findAllByRole('alert')
    expect(alerts.some((alert) => alert.textContent?.startsWith('More:'))).toBe(false)
    expect(screen.queryByRole('listitem')).toBeNull()
  })
})
