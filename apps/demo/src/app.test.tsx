import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { App } from './app'
import { chaosStorageKey, resetChaos, setChaos } from './mocks/chaos'
import { server } from './mocks/node'
import { renderApp, setupMockApi } from './test-support/mock-api'

setupMockApi()

describe('App', () => {
  it('navigates between screens through the URL and focuses the new screen’s heading', async () => {
    renderApp(<App />, { url: '/' })
    await screen.findByRole('table', { name: 'Orders' })
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect(within(nav).getByRole('link', { name: 'Orders' }).getAttribute('aria-current')).toBe('page')

    fireEvent.click(within(nav).getByRole('link', { name: 'New order' }))
    expect(window.location.search).toBe('?view=new')
    const heading = await screen.findByRole('heading', { level: 1, name: 'New order' })
    await waitFor(() => expect(document.activeElement).toBe(heading))
    expect(document.title).toBe('New order · Orders console')
  })

  it('draws a retried request in the request log with each attempt and the wait between them', async () => {
    server.use(
      http.get('*/api/orders', () => new HttpResponse('Bad gateway', { status: 502 }), { once: true }),
    )
    renderApp(<App />, { url: '/?view=orders' })
    await screen.findByRole('table', { name: 'Orders' })
    fireEvent.click(screen.getByRole('link', { name: 'Request log' }))
    const log = await screen.findByRole('list', { name: 'Requests' })
    const retried = within(log)
      .getAllByRole('listitem')
      .find((item) => item.textContent?.includes('Attempt 2'))
    expect(retried?.textContent).toMatch(/Attempt 1: 502 in \d+ ms/)
    expect(retried?.textContent).toMatch(/→ retry 1 of 2 in \d+ ms/)
    expect(retried?.textContent).toMatch(/Attempt 2: 200 in \d+ ms/)
    expect(screen.getByRole('heading', { level: 1, name: 'Request log' })).toBeTruthy()
  })

  it('names the wait when the API rate-limits, counts it down, then retries on its own when it is over', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    setChaos({ rateLimited: true })
    renderApp(<App />, { url: '/?view=orders' })
    expect(await screen.findByText(/The API asked us to wait 5 s before sending more requests/)).toBeTruthy()
    expect(screen.getByText('Retrying in 5 s (attempt 2 of 3)')).toBeTruthy()
    await act(() => vi.advanceTimersByTimeAsync(5_100))
    await act(() => vi.advanceTimersByTimeAsync(5_100))
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText('Too many requests.')).toBeTruthy()
    expect(screen.getByText('Trying again on its own in 5 s.')).toBeTruthy()
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    expect(screen.getByText('Trying again on its own in 4 s.')).toBeTruthy()
    setChaos({ rateLimited: false })
    await act(() => vi.advanceTimersByTimeAsync(4_100))
    expect(await screen.findByRole('table', { name: 'Orders' })).toBeTruthy()
  })

  it('shows a banner while the circuit is open, and lets the user resume', async () => {
    server.use(http.get('*/api/orders', () => new HttpResponse(null, { status: 500 })))
    renderApp(<App />, { url: '/?view=orders' })
    // 3 failed attempts, then 2 more after Retry: the fifth opens the circuit, the sixth is not even sent.
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }))
    await screen.findByText(/After repeated server failures, requests are paused briefly/)
    expect(screen.getByText(/^Resuming in 1[45] s\.$/)).toBeTruthy()
    expect(await screen.findByText('The service is unavailable.')).toBeTruthy()
    expect(screen.getByText(/^Trying again on its own in 1[45] s\.$/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Resume now' }))
    expect(screen.queryByText(/Service degraded/)).toBeNull()
  })

  it('fetches again on its own when the chaos is calmed, as the error state says', async () => {
    setChaos({ serverErrorRate: 1, serverErrorKind: '500' })
    renderApp(<App />, { url: '/?view=orders' })
    const state = await screen.findByRole('region', { name: 'Could not load orders' })
    expect(
      within(state).getByText('It tries again on its own when the chaos is calmed; or press Retry.'),
    ).toBeTruthy()
    act(() => resetChaos())
    expect(await screen.findByRole('table', { name: 'Orders' })).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('keeps chaos settings across a reload and flags them in the header', async () => {
    renderApp(<App />, { url: '/?view=chaos' })
    expect(screen.queryByRole('link', { name: 'Chaos on' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: /Outage/ }))
    expect(screen.getByRole('button', { name: /Outage/ }).getAttribute('aria-pressed')).toBe('true')
    expect(JSON.parse(localStorage.getItem(chaosStorageKey) ?? '{}')).toMatchObject({
      serverErrorRate: 1,
      serverErrorKind: '503',
    })
    expect(screen.getByRole('link', { name: 'Chaos on' })).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Added latency'), { target: { value: '1200' } })
    expect(screen.getByText('1200 ms')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Reset to calm' }))
    expect(localStorage.getItem(chaosStorageKey)).toBeNull()
  })
})
