import { fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { getOrders } from '../../mocks/data'
import { configureProvider, whenDelivered } from '../../mocks/payments/provider'
import { resetWebhookChaos, setWebhookChaos } from '../../mocks/payments/webhook-chaos'
import { renderApp, setupMockApi } from '../../test-support/mock-api'
import { OrderDetailView } from '../orders/order-detail-view'

setupMockApi()
beforeAll(() => configureProvider({ deliveryDelayMs: 0 }))
afterEach(async () => {
  await whenDelivered()
  resetWebhookChaos()
})

const order = getOrders().find((o) => o.status === 'pending')
const id = order?.id ?? 'ORD-10001'
// Generous: the deliveries and the panel's polling run on real time (a loaded CI machine is slow).
const timeout = { timeout: 10_000 }

async function payWith(card: RegExp) {
  renderApp(<OrderDetailView id={id} />, { url: `/?view=order&id=${id}` })
  const panel = await screen.findByRole('region', { name: 'Payment' }, timeout)
  expect(await within(panel).findByText('Not paid yet.', {}, timeout)).toBeTruthy()
  fireEvent.click(within(panel).getByRole('radio', { name: card }))
  fireEvent.click(within(panel).getByRole('button', { name: /^Pay €/ }))
  return panel
}

describe('PaymentPanel on the order page', { timeout: 20_000 }, () => {
  it('pays an order: the signed webhooks arrive, the payment and the order turn paid', async () => {
    const panel = await payWith(/4242/)
    expect(
      await within(panel).findByText(/^Paid €.*confirmed by a signed webhook\./, {}, timeout),
    ).toBeTruthy()
    const deliveries = within(panel).getByRole('list', { name: 'Webhook deliveries' })
    expect(within(deliveries).getAllByText(/^Accepted · 200$/)).toHaveLength(2)
    expect(within(deliveries).getByText('Payment succeeded: order marked paid.')).toBeTruthy()
    // The order's own status follows (the order is refetched once the payment succeeded).
    const summary = screen.getByRole('region', { name: 'Summary' })
    expect(await within(summary).findByText('Paid', {}, timeout)).toBeTruthy()
    expect(within(panel).queryByRole('button', { name: /^Pay/ })).toBeNull()
  })

  it('shows a declined card as a failed payment and offers to pay again', async () => {
    const panel = await payWith(/0002/)
    await expect
      .poll(() => within(panel).queryByRole('status')?.textContent, timeout)
      .toBe('Payment failed: Your card was declined.')
    expect(within(panel).getByRole('button', { name: /^Pay €/ })).toBeTruthy()
  })

  it('shows each hostile delivery ignored or refused, and why', async () => {
    setWebhookChaos({ duplicate: true, tampered: true, late: true })
    const panel = await payWith(/4242/)
    expect(await within(panel).findByText(/^Paid €/, {}, timeout)).toBeTruthy()
    await whenDelivered()
    const deliveries = await within(panel).findByRole('list', { name: 'Webhook deliveries' })
    await expect.poll(() => within(deliveries).getAllByRole('listitem').length, { timeout: 10_000 }).toBe(7) // 2 × (late + redelivery + duplicate) + the tampered copy
    const items = within(deliveries).getAllByRole('listitem')
    const tampered = items.find((item) => within(item).queryByText('tampered copy'))
    expect(tampered && within(tampered).getByText('Refused · 400')).toBeTruthy()
    expect(tampered?.textContent).toMatch(/no-matching-signature/)
    const late = items.filter((item) => within(item).queryByText('late: signed 10 min ago'))
    expect(late).toHaveLength(2)
    for (const item of late)
      expect(item.textContent).toMatch(/outside-tolerance: The signature is 60[01] s old/)
    expect(within(deliveries).getAllByText('Ignored: duplicate · 200')).toHaveLength(2)
  })
})
