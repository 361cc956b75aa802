import type { Order } from '../../api/schemas'

/**
 * An order as long as a typical one, for placeholders shaped like the lists they stand in for: their text is
 * invisible, only its size matters.
 */
export const placeholderOrder = (index: number): Order => ({
  id: `placeholder-${index}`,
  number: 10_000 + index,
  customer: { id: 'placeholder', name: 'Customer name', email: 'customer@example.com' },
  items: [{ sku: 'placeholder', name: 'Item', quantity: 2, unitPriceCents: 10_000 }],
  totalCents: 20_000,
  currency: 'EUR',
  status: 'pending',
  createdAt: '2026-01-01T00:00:00.000Z',
})
