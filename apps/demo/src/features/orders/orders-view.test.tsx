import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { setChaos } from '../../mocks/chaos'
import { renderApp, setupMockApi } from '../../test-support/mock-api'
import { OrdersView } from './orders-view'

setupMockApi()

const table = () => screen.findByRole('table', { name: 'Orders' })
/** The order numbers shown, top to bottom. */
const shown = () =>
  within(screen.getByRole('table', { name: 'Orders' }))
    .getAllByRole('link')
    .map((link) => link.textContent)

describe('OrdersView', () => {
  it('renders the newest orders in the table named Orders, with the total', async () => {
    renderApp(<OrdersView />, { url: '/?view=orders' })
    expect(screen.getByRole('status').getAttribute('aria-busy')).toBe('true')
    const rows = within(await table()).getAllByRole('row')
    expect(rows).toHaveLength(26) // header + 25
    expect(shown().slice(0, 3)).toEqual(['#12400', '#12399', '#12398'])
    expect(screen.getByText('2,400 orders.')).toBeTruthy()
    expect(screen.getByText('1–25 of 2,400')).toBeTruthy()
  })

  it('keeps the rows when a refresh fails, says they may be out of date, and Retry refreshes them', async () => {
    renderApp(<OrdersView />, { url: '/?view=orders' })
    await table()
    const before = shown()
    setChaos({ malformedJsonRate: 1 })
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    const notice = await screen.findByRole('alert')
    expect(notice.textContent).toContain('Could not refresh the orders; what you see may be out of date.')
    expect(shown()).toEqual(before)

    setChaos({ malformedJsonRate: 0 })
    fireEvent.click(within(notice).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
    expect(shown()).toEqual(before)
  })

  it('reads the page from the URL and writes it back when paging, and follows the back button', async () => {
    renderApp(<OrdersView />, { url: '/?view=orders&page=2' })
    await table()
    expect(shown()[0]).toBe('#12375')
    expect(screen.getByRole('button', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page')

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }))
    expect(window.location.search).toBe('?view=orders&page=3')
    await waitFor(() => expect(shown()[0]).toBe('#12350'))

    act(() => {
      window.history.replaceState(null, '', '?view=orders&page=2')
      window.dispatchEvent(new PopStateEvent('popstate'))
    })
    await waitFor(() => expect(shown()[0]).toBe('#12375'))
  })

  it('keeps the previous rows on screen, dimmed and busy, while a page that was not prefetched loads', async () => {
    renderApp(<OrdersView />, { url: '/?view=orders' })
    await table()
    setChaos({ latencyMs: 300 })
    fireEvent.click(screen.getByRole('button', { name: 'Page 4' }))
    // No loading state: the rows of page 1 stay, marked busy.
    expect(screen.queryByRole('status')).toBeNull()
    expect(screen.getByRole('table', { name: 'Orders' }).getAttribute('aria-busy')).toBe('true')
    expect(shown()[0]).toBe('#12400')
    expect(screen.getByText('1–25 of 2,400')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Page 4' }).getAttribute('aria-current')).toBe('page')
    await waitFor(() => expect(shown()[0]).toBe('#12325'))
    expect(screen.getByText('76–100 of 2,400')).toBeTruthy()
    expect(screen.getByRole('table', { name: 'Orders' }).getAttribute('aria-busy')).toBe('false')
  })

  it('shows the empty state for a search that matches nothing, and clearing the filters brings rows back', async () => {
    renderApp(<OrdersView />, { url: '/?view=orders&q=zzzz-no-such-order' })
    expect(await screen.findByRole('heading', { name: 'No orders match these filters' })).toBeTruthy()
    expect(screen.queryByRole('table', { name: 'Orders' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(window.location.search).toBe('?view=orders')
    await table()
    expect(screen.getByLabelText('Search')).toHaveProperty('value', '')
  })

  it('searches as the user types, once typing settles, and resets to the first page', async () => {
    renderApp(<OrdersView />, { url: '/?view=orders&page=3' })
    await table()
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'ORD-10042' } })
    expect(window.location.search).toBe('?view=orders&page=3')
    await waitFor(() => expect(window.location.search).toBe('?view=orders&q=ORD-10042'))
    await waitFor(() => expect(shown()).toEqual(['#10042']))
    expect(screen.getByText('1 order matches these filters.')).toBeTruthy()
  })

  it('filters by status through the URL', async () => {
    renderApp(<OrdersView />, { url: '/?view=orders' })
    await table()
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'refunded' } })
    expect(window.location.search).toBe('?view=orders&status=refunded')
    await waitFor(() => {
      const badges = within(screen.getByRole('table', { name: 'Orders' })).getAllByText('Refunded')
      expect(badges.length).toBeGreaterThan(0)
      expect(within(screen.getByRole('table', { name: 'Orders' })).queryByText('Paid')).toBeNull()
    })
  })

  it('does not show the previous filter’s count while the new filter loads', async () => {
    renderApp(<OrdersView />, { url: '/?view=orders' })
    await table()
    expect(screen.getByText('2,400 orders.')).toBeTruthy()
    setChaos({ latencyMs: 300 })
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'refunded' } })
    expect(await screen.findByText('Counting the matching orders…')).toBeTruthy()
    expect(screen.queryByText(/2,400 orders/)).toBeNull()
    expect(await screen.findByText(/^[\d,]+ orders? match(es)? these filters\.$/)).toBeTruthy()
    expect(screen.queryByText('Counting the matching orders…')).toBeNull()
  })

  it('counts down the retries of a 503, then offers Retry, which recovers once the server does', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    setChaos({ serverErrorRate: 1, serverErrorKind: '503' })
    renderApp(<OrdersView />, { url: '/?view=orders' })
    // 503 with Retry-After: 2 → the client waits exactly 2 s before each of its 2 retries.
    expect(await screen.findByText('Retrying in 2 s (attempt 2 of 3)')).toBeTruthy()
    await act(() => vi.advanceTimersByTimeAsync(2_100))
    expect(await screen.findByText(/Retrying in [12] s \(attempt 3 of 3\)/)).toBeTruthy()
    await act(() => vi.advanceTimersByTimeAsync(2_100))
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByRole('heading', { name: 'Could not load orders' })).toBeTruthy()
    expect(
      within(alert).getByText('The orders service is overloaded. Try again in a few seconds.'),
    ).toBeTruthy()

    setChaos({ serverErrorRate: 0 })
    const state = screen.getByRole('region', { name: 'Could not load orders' })
    fireEvent.click(within(state).getByRole('button', { name: 'Retry' }))
    expect(await table()).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
