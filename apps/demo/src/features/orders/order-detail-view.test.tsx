import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { server } from '../../mocks/node'
import { renderApp, setupMockApi } from '../../test-support/mock-api'
import { OrderDetailView } from './order-detail-view'

setupMockApi()

describe('OrderDetailView', () => {
  it('shows the order with its items, total and invoice download', async () => {
    renderApp(<OrderDetailView id="ORD-10042" />, { url: '/?view=order&id=ORD-10042' })
    expect(await screen.findByRole('heading', { level: 1, name: 'Order #10042' })).toBeTruthy()
    const items = screen.getByRole('table', { name: 'Items' })
    expect(within(items).getAllByRole('row').length).toBeGreaterThan(2)
    expect(screen.getByRole('button', { name: 'Download invoice (PDF)' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Back to orders' })).toBeTruthy()
  })

  it('downloads the invoice as a PDF file named after the order', async () => {
    const saved: Blob[] = []
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      if ('slice' in blob) saved.push(blob)
      return 'blob:invoice'
    })
    const revoked = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    renderApp(<OrderDetailView id="ORD-10042" />, { url: '/?view=order&id=ORD-10042' })
    fireEvent.click(await screen.findByRole('button', { name: 'Download invoice (PDF)' }))
    expect(await screen.findByText('Invoice downloaded.')).toBeTruthy()
    // The bar, named by the status line, shows the client's download progress: complete, with the PDF's size.
    const bar = screen.getByRole('progressbar', { name: 'Invoice downloaded.' })
    expect(bar.getAttribute('value')).toBe('100')
    const size = saved[0]?.size ?? 0
    expect(bar.getAttribute('aria-valuetext')).toBe(
      `100 %, ${(size / 1000).toFixed(1)} kB of ${(size / 1000).toFixed(1)} kB`,
    )
    expect(saved[0]?.type).toBe('application/pdf')
    expect(await saved[0]?.slice(0, 5).text()).toBe('%PDF-')
    expect(clicked.mock.instances[0]).toHaveProperty('download', 'invoice-ORD-10042.pdf')
    for (const spy of [clicked, created, revoked]) spy.mockRestore()
  })

  it.each([
    ['without a Content-Length: the bytes received', false, /^4\.1 kB received$/],
    ['with a Content-Length: the percent', true, /^50 %, 4\.1 kB of 8\.2 kB$/],
  ])('shows the invoice download as it arrives, %s', async (_, sized, midway) => {
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    let finish = () => {}
    const half = new Uint8Array(4_100).fill(32)
    server.use(
      http.get('*/api/orders/:id/invoice', () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(half)
            finish = () => {
              controller.enqueue(half)
              controller.close()
            }
          },
        })
        const headers: Record<string, string> = { 'Content-Type': 'application/pdf' }
        if (sized) headers['Content-Length'] = String(half.length * 2)
        return new Response(body, { headers })
      }),
    )
    renderApp(<OrderDetailView id="ORD-10042" />, { url: '/?view=order&id=ORD-10042' })
    fireEvent.click(await screen.findByRole('button', { name: 'Download invoice (PDF)' }))
    const bar = await screen.findByRole('progressbar', { name: 'Downloading the invoice…' })
    await waitFor(() => expect(bar.getAttribute('aria-valuetext')).toMatch(midway))
    // Without a length the bar has no value (indeterminate); with one, the percent.
    expect(bar.getAttribute('value')).toBe(sized ? '50' : null)
    // The same words on screen, beside the bar.
    expect(screen.getByText(midway)).toBeTruthy()

    finish()
    expect(await screen.findByText('Invoice downloaded.')).toBeTruthy()
    expect(bar.getAttribute('value')).toBe('100')
    expect(bar.getAttribute('aria-valuetext')).toBe('100 %, 8.2 kB of 8.2 kB')
    clicked.mockRestore()
  })

  it('says the order does not exist, with the server’s detail and a way back, for a 404', async () => {
    renderApp(<OrderDetailView id="ORD-1" />, { url: '/?view=order&id=ORD-1' })
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByRole('heading', { name: 'Order not found' })).toBeTruthy()
    expect(within(alert).getByText('There is no order with the id "ORD-1".')).toBeTruthy()
    const state = screen.getByRole('region', { name: 'Order not found' })
    expect(within(state).queryByRole('button', { name: 'Retry' })).toBeNull()
    expect(within(state).getByRole('link', { name: 'Back to orders' })).toBeTruthy()
  })

  it('says "not found" without asking the server when the link names no order', async () => {
    const sent: string[] = []
    server.events.on('request:start', ({ request }) => {
      sent.push(request.url)
    })
    renderApp(<OrderDetailView id="" />, { url: '/?view=order' })
    expect(screen.getByRole('heading', { level: 1, name: 'Order not found' })).toBeTruthy()
    expect(screen.getByText('This link names no order')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Go to the orders list' })).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull()
    expect(sent).toEqual([])
  })
})
