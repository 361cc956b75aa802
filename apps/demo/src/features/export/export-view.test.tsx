import { act, fireEvent, screen } from '@testing-library/react'
import { http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '../../mocks/node'
import { renderApp, setupMockApi } from '../../test-support/mock-api'
import { getLog } from '../request-log/request-log-store'
import { ExportView } from './export-view'

setupMockApi()

/** Lets `ms` of fake time pass, with React updates flushed. */
async function advance(ms: number): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms))
}

describe('ExportView', () => {
  it('streams every order and counts them up to X-Total-Count', async () => {
    renderApp(<ExportView />, { url: '/?view=export' })
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }))
    expect(await screen.findByRole('heading', { name: 'Export complete' }, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('2,400 of 2,400 orders (100 %)')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Save 2,400 orders as NDJSON' })).toBeTruthy()
  })

  it("reaches the request log through the app client's events: one request, ended by its terminal event", async () => {
    renderApp(<ExportView />, { url: '/?view=export' })
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }))
    await screen.findByRole('heading', { name: 'Export complete' }, { timeout: 5000 })
    const exports = getLog().filter(
      (entry) => entry.kind === 'request' && entry.url.includes('/orders/export'),
    )
    expect(exports).toHaveLength(1)
    expect(exports[0]).toMatchObject({ outcome: 'ok', status: 200, attempts: [{ attempt: 1, status: 200 }] })
    // The request event carries the headers the app client's events step shows: the tracing step's trace id.
    expect(exports[0]).toHaveProperty('traceId', expect.stringMatching(/^[\da-f]{32}$/))
  })

  it("fills the progress bar from the client's download progress, up to 100 % of Content-Length", async () => {
    const values: number[] = []
    renderApp(<ExportView />, { url: '/?view=export' })
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }))
    const bar = await screen.findByRole('progressbar', { name: 'Exporting…' })
    const watch = new MutationObserver(() => {
      if (bar.hasAttribute('value')) values.push(Number(bar.getAttribute('value')))
    })
    watch.observe(bar, { attributes: true })
    await screen.findByRole('heading', { name: 'Export complete' }, { timeout: 5000 })
    watch.disconnect()

    expect(screen.getByRole('progressbar', { name: 'Export complete' })).toBe(bar)
    expect(bar.getAttribute('max')).toBe('100')
    expect(bar.getAttribute('value')).toBe('100')
    expect(bar.getAttribute('aria-valuetext')).toMatch(/^100 %, ([\d.]+ MB) of \1$/)
    expect(values).toEqual([...values].sort((a, b) => a - b))
    expect(screen.getByText('Downloaded').nextElementSibling?.textContent).toMatch(/^[\d.]+ MB$/)
  })

  it('exports only the orders of the chosen status', async () => {
    renderApp(<ExportView />, { url: '/?view=export' })
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'refunded' } })
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }))
    await screen.findByRole('heading', { name: 'Export complete' }, { timeout: 5000 })
    const count = screen.getByText(/of .* orders \(100 %\)/).textContent ?? ''
    const [received, total] = count.match(/[\d,]+/g) ?? []
    expect(received).toBe(total)
    expect(Number(total?.replace(',', ''))).toBeLessThan(2400)
  })

  it('marks the running count busy, and not busy once the export is done', async () => {
    renderApp(<ExportView />, { url: '/?view=export' })
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }))
    const count = await screen.findByText(/orders (received|of)/)
    expect(count.getAttribute('role')).toBe('status')
    expect(count.getAttribute('aria-busy')).toBe('true')
    await screen.findByRole('heading', { name: 'Export complete' }, { timeout: 5000 })
    expect(screen.getByText('2,400 of 2,400 orders (100 %)').getAttribute('aria-busy')).toBe('false')
  })

  it('says there is nothing to export when no order matches', async () => {
    renderApp(<ExportView />, { url: '/?view=export' })
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'no customer is called this' } })
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }))
    const heading = await screen.findByRole('heading', { name: 'No orders to export' }, { timeout: 5000 })
    expect(heading.closest('[role="status"]')?.textContent).toContain('No order matches these filters.')
    expect(screen.queryByText(/0 of 0 orders/)).toBeNull()
    expect(screen.queryByRole('button', { name: /^Save/ })).toBeNull()
    expect(screen.getByRole('button', { name: 'Export again' })).toBeTruthy()
  })

  it("counts down to the client's retry while the export request is retried", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
    let calls = 0
    server.use(
      http.get('*/api/orders/export', () => {
        calls += 1
        return calls === 1 ? new Response(null, { status: 503, headers: { 'Retry-After': '2' } }) : undefined
      }),
    )
    renderApp(<ExportView />, { url: '/?view=export' })
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }))
    await advance(50)
    expect(screen.getByText('Retrying in 2 s (attempt 2 of 3)')).toBeTruthy()
    await advance(1_000)
    expect(screen.getByText('Retrying in 1 s (attempt 2 of 3)')).toBeTruthy()
    expect(calls).toBe(1)
    for (
      let waited = 0;
      waited < 5_000 && !screen.queryByRole('heading', { name: 'Export complete' });
      waited += 100
    )
      await advance(100)
    expect(calls).toBe(2)
    expect(screen.getByText('2,400 of 2,400 orders (100 %)')).toBeTruthy()
    expect(screen.queryByText(/Retrying in/)).toBeNull()
  })
})
