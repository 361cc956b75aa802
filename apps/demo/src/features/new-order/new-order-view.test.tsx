import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { getOrders, seededOrderCount } from '../../mocks/data'
import { server } from '../../mocks/node'
import { renderApp, setupMockApi } from '../../test-support/mock-api'
import { NewOrderView } from './new-order-view'

setupMockApi()

/** The Idempotency-Key of every POST /api/orders the mock API receives. */
function recordPosts(): Array<string | null> {
  const keys: Array<string | null> = []
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST') keys.push(request.headers.get('Idempotency-Key'))
  })
  return keys
}

async function fillValidOrder() {
  fireEvent.change(await screen.findByLabelText('Customer name'), { target: { value: 'Ada Lovelace' } })
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } })
  fireEvent.change(screen.getByLabelText('Product 1'), { target: { value: 'KET-GOO-08' } })
  fireEvent.change(screen.getByLabelText('Quantity 1'), { target: { value: '2' } })
}

describe('NewOrderView', () => {
  it('shows each invalid field inline after a submit, focuses the first, and sends nothing', async () => {
    const posts = recordPosts()
    renderApp(<NewOrderView />, { url: '/?view=new' })
    fireEvent.click(await screen.findByRole('button', { name: 'Place order' }))

    const name = screen.getByLabelText('Customer name')
    expect(name.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(name)
    expect(screen.getByText('Enter the customer’s name')).toBeTruthy()
    expect(screen.getByText('Enter a valid email address')).toBeTruthy()
    expect(screen.getByText('Choose a product')).toBeTruthy()
    // The message is the control's description, so screen readers read it with the field.
    const describedBy = screen.getByLabelText('Email').getAttribute('aria-describedby') ?? ''
    expect(document.getElementById(describedBy)?.textContent).toBe('Enter a valid email address')

    // Errors update live once shown: fixing a field clears its message.
    fireEvent.change(screen.getByLabelText('Quantity 1'), { target: { value: '120' } })
    expect(await screen.findByText('Enter a quantity from 1 to 99')).toBeTruthy()
    fireEvent.change(name, { target: { value: 'Ada Lovelace' } })
    expect(screen.queryByText('Enter the customer’s name')).toBeNull()
    expect(posts).toEqual([])
  })

  it('places one order on a double click: the second click joins the first, one request', async () => {
    const posts = recordPosts()
    renderApp(<NewOrderView />, { url: '/?view=new' })
    await fillValidOrder()
    const button = screen.getByRole('button', { name: 'Place order' })
    fireEvent.click(button)
    fireEvent.click(button)

    const placed = await screen.findByRole('heading', { name: 'Order #12401 placed' })
    expect(placed).toBeTruthy()
    expect(posts).toHaveLength(1)
    expect(posts[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(getOrders()).toHaveLength(seededOrderCount + 1)
    await waitFor(() => expect(screen.getByText(posts[0] ?? 'missing key')).toBeTruthy())
    expect(screen.queryByText('Replayed by the server.')).toBeNull()
  })

  it('places a single order without a replay notice, then starts a fresh form', async () => {
    const posts = recordPosts()
    renderApp(<NewOrderView />, { url: '/?view=new' })
    await fillValidOrder()
    fireEvent.click(screen.getByRole('button', { name: 'Place order' }))
    const confirmation = (await screen.findByRole('heading', { name: /Order #\d+ placed/ })).closest(
      'section',
    )
    expect(confirmation && within(confirmation).getByText(/2 products|1 product/)).toBeTruthy()
    expect(screen.queryByText('Replayed by the server.')).toBeNull()
    expect(posts).toHaveLength(1)

    fireEvent.click(screen.getByRole('button', { name: 'Place another order' }))
    expect(screen.getByLabelText('Customer name')).toHaveProperty('value', '')
  })
})
