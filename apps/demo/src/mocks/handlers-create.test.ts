import { createClient } from '@ferry/client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Order } from '../api/schemas.js'
import { resetChaos } from './chaos.js'
import { getOrders, resetData } from './data.js'
import { server } from './node.js'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  resetData()
  resetChaos()
})
afterAll(() => server.close())

const draft = {
  customerName: 'Ada Lovelace',
  email: 'ada@example.com',
  items: [
    { sku: 'MUG-CER-350', quantity: 2 },
    { sku: 'TEA-SEN-100', quantity: 1 },
  ],
  note: 'Leave at the door',
}

function post(body: unknown, key?: string): Promise<Response> {
  const headers = new Headers({ 'Content-Type': 'application/json' })
  if (key !== undefined) headers.set('Idempotency-Key', key)
  return fetch('/api/orders', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function json(response: Response): Promise<unknown> {
  return JSON.parse(await response.text())
}

describe('POST /api/orders', () => {
  it('refuses a request without Idempotency-Key with 400 problem+json, creating nothing', async () => {
    for (const key of [undefined, '', '   ']) {
      const response = await post(draft, key)
      expect(response.status).toBe(400)
      expect(response.headers.get('Content-Type')).toBe('application/problem+json')
      expect(await json(response)).toMatchObject({
        type: 'https://demo.ferry.dev/problems/idempotency-key-required',
        title: 'Idempotency-Key required',
        status: 400,
      })
    }
    expect(getOrders()).toHaveLength(2400)
  })

  it('creates a pending order: 201, Location, priced from the catalogue', async () => {
    const response = await post(draft, 'key-1')
    expect(response.status).toBe(201)
    const order = Order.parse(await json(response))
    expect(order).toMatchObject({
      id: 'ORD-12401',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      totalCents: 2 * 1450 + 990,
      status: 'pending',
    })
    expect(response.headers.get('Location')).toBe('http://localhost:3000/api/orders/ORD-12401')
    expect(response.headers.get('Idempotent-Replayed')).toBeNull()
    const fetched = await fetch(response.headers.get('Location') ?? '')
    expect(await json(fetched)).toEqual(order)
  })

  it('replays the original 201 for the same key and body, with Idempotent-Replayed: true', async () => {
    const first = await post(draft, 'key-2')
    const firstBody = await first.text()
    const reordered = {
      items: draft.items,
      note: draft.note,
      email: draft.email,
      customerName: draft.customerName,
    }
    const replay = await post(reordered, 'key-2')
    expect(replay.status).toBe(201)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(replay.headers.get('Location')).toBe(first.headers.get('Location'))
    expect(await replay.text()).toBe(firstBody)
    expect(getOrders()).toHaveLength(2401)
  })

  it('refuses the same key with another body with 422 problem+json', async () => {
    await post(draft, 'key-3')
    const response = await post({ ...draft, items: [{ sku: 'MUG-CER-350', quantity: 3 }] }, 'key-3')
    expect(response.status).toBe(422)
    expect(response.headers.get('Content-Type')).toBe('application/problem+json')
    expect(await json(response)).toMatchObject({
      type: 'https://demo.ferry.dev/problems/idempotency-key-reused',
      status: 422,
    })
    expect(getOrders()).toHaveLength(2401)
  })

  it('creates separate orders for separate keys', async () => {
    const a = Order.parse(await json(await post(draft, 'key-a')))
    const b = Order.parse(await json(await post(draft, 'key-b')))
    expect(b.number).toBe(a.number + 1)
  })

  it('refuses an invalid order with 422 problem+json listing each field', async () => {
    const response = await post({ customerName: 'A', email: 'not-an-email', items: [] }, 'key-4')
    expect(response.status).toBe(422)
    expect(response.headers.get('Content-Type')).toBe('application/problem+json')
    expect(await json(response)).toEqual({
      type: 'https://demo.ferry.dev/problems/validation-failed',
      title: 'Validation failed',
      status: 422,
      detail: 'The order has invalid fields.',
      errors: [
        { field: 'customerName', message: 'Enter the customer’s name' },
        { field: 'email', message: 'Enter a valid email address' },
        { field: 'items', message: 'Add at least one item' },
      ],
    })
    expect(getOrders()).toHaveLength(2400)
  })

  it.each([
    [{ ...draft, items: [{ sku: 'NOPE', quantity: 1 }] }, 'items.0.sku', 'Unknown product "NOPE"'],
    [{ ...draft, items: [{ sku: 'MUG-CER-350', quantity: 0 }] }, 'items.0.quantity', undefined],
    [{ ...draft, items: [{ sku: 'MUG-CER-350', quantity: 1.5 }] }, 'items.0.quantity', undefined],
    [{ ...draft, note: 'x'.repeat(501) }, 'note', undefined],
  ])('names the invalid field: %#', async (body, field, message) => {
    const response = await post(body, 'key-5')
    expect(response.status).toBe(422)
    const problem = await json(response)
    expect(problem).toMatchObject({ errors: [{ field }] })
    if (message) expect(problem).toMatchObject({ errors: [{ message }] })
  })

  it('does not remember a refused request: the key can be used again once fixed', async () => {
    await post({ ...draft, email: 'nope' }, 'key-6')
    expect((await post(draft, 'key-6')).status).toBe(201)
  })

  it('refuses a body that is not JSON with 400', async () => {
    const response = await post('{"customerName": ', 'key-7')
    expect(response.status).toBe(400)
    expect(await json(response)).toMatchObject({ title: 'Malformed request body' })
  })
})

describe('POST /api/orders through @ferry/client', () => {
  const api = createClient({ baseUrl: '/api', retry: false })

  it('creates once for a repeated call with the same idempotency key', async () => {
    const [first, second] = await Promise.all([
      api.post('/orders', { body: draft, idempotencyKey: 'cart-1', schema: Order }),
      api.post('/orders', { body: draft, idempotencyKey: 'cart-1', schema: Order }),
    ])
    expect(second).toEqual(first)
    expect(getOrders()).toHaveLength(2401)
  })

  it('surfaces the validation errors as HttpError 422 with the problem', async () => {
    await expect(
      api.post('/orders', { body: { ...draft, items: [] }, idempotencyKey: true }),
    ).rejects.toMatchObject({
      status: 422,
      problem: { errors: [{ field: 'items', message: 'Add at least one item' }] },
    })
  })
})
