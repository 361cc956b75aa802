import { afterEach, describe, expect, it } from 'vitest'
import { Order } from '../api/schemas.js'
import { addOrder, catalogue, dataNow, findOrder, getOrders, resetData, seededOrderCount } from './data.js'

afterEach(() => resetData())

const eighteenMonthsMs = 549 * 86_400_000

describe('seeded data', () => {
  it('holds 2,400 orders that satisfy the API contract', () => {
    expect(getOrders()).toHaveLength(seededOrderCount)
    expect(seededOrderCount).toBe(2400)
    for (const order of getOrders()) expect(Order.parse(order)).toEqual(order)
  })

  it('is the same on every run (seeded), down to the first and last order', () => {
    expect(getOrders()[0]?.id).toBe('ORD-10001')
    expect(getOrders().at(-1)?.id).toBe('ORD-12400')
    expect(findOrder('ORD-10042')).toMatchObject({
      number: 10042,
      customer: { name: 'Sami Bakker', email: 'sami.bakker@mail.example' },
      totalCents: 31690,
      status: 'delivered',
      createdAt: '2025-06-13T04:04:31.938Z',
    })
  })

  it('has totals that add up from the items, 1–5 distinct catalogue items each', () => {
    for (const order of getOrders()) {
      expect(order.totalCents).toBe(order.items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0))
      expect(order.items.length).toBeGreaterThanOrEqual(1)
      expect(order.items.length).toBeLessThanOrEqual(5)
      expect(new Set(order.items.map((i) => i.sku)).size).toBe(order.items.length)
      for (const item of order.items) {
        expect(catalogue.find((p) => p.sku === item.sku)?.unitPriceCents).toBe(item.unitPriceCents)
      }
    }
  })

  it('spreads dates over the last 18 months, numbered in creation order', () => {
    const orders = getOrders()
    for (const [index, order] of orders.entries()) {
      const time = Date.parse(order.createdAt)
      expect(time).toBeLessThanOrEqual(dataNow)
      expect(time).toBeGreaterThan(dataNow - eighteenMonthsMs)
      if (index > 0) expect(order.createdAt >= (orders[index - 1]?.createdAt ?? '')).toBe(true)
    }
  })

  it('uses every status, with recent orders still open and old ones settled', () => {
    const statuses = new Set(getOrders().map((o) => o.status))
    expect([...statuses].sort()).toEqual(['cancelled', 'delivered', 'paid', 'pending', 'refunded', 'shipped'])
    const old = getOrders().filter((o) => Date.parse(o.createdAt) < dataNow - 60 * 86_400_000)
    expect(old.some((o) => o.status === 'pending' || o.status === 'paid')).toBe(false)
  })

  it('includes customers with accents and apostrophes (search must cope)', () => {
    const names = getOrders().map((o) => o.customer.name)
    expect(names.some((n) => /[^\x20-\x7e]/.test(n))).toBe(true)
    expect(names.some((n) => n.includes("'"))).toBe(true)
    for (const order of getOrders()) expect(order.customer.email).toMatch(/^[a-z0-9.]+@[a-z.]+$/)
  })
})

describe('addOrder and resetData', () => {
  it('adds a pending order priced from the catalogue with the next number', () => {
    const order = addOrder(
      {
        customerName: '  Ada Lovelace ',
        email: 'ada@example.com',
        items: [{ sku: 'MUG-CER-350', quantity: 3 }],
      },
      Date.UTC(2026, 10, 25),
    )
    expect(order).toMatchObject({
      id: 'ORD-12401',
      number: 12401,
      customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
      items: [{ sku: 'MUG-CER-350', name: 'Ceramic mug 350 ml', quantity: 3, unitPriceCents: 1450 }],
      totalCents: 4350,
      status: 'pending',
      createdAt: '2026-11-25T00:00:00.000Z',
    })
    expect(findOrder('ord-12401')).toBe(order)
    expect(getOrders()).toHaveLength(2401)
  })

  it('reuses the customer of a known email', () => {
    const known = findOrder('ORD-10042')?.customer
    const order = addOrder({
      customerName: 'Someone',
      email: 'SAMI.BAKKER@mail.example',
      items: [{ sku: 'STK-FRE-01', quantity: 1 }],
    })
    expect(order.customer).toEqual(known)
  })

  it('refuses an unknown SKU', () => {
    expect(() =>
      addOrder({ customerName: 'Ada', email: 'a@example.com', items: [{ sku: 'NOPE', quantity: 1 }] }),
    ).toThrow('unknown SKU NOPE')
  })

  it('resetData drops created orders', () => {
    addOrder({ customerName: 'Ada', email: 'a@example.com', items: [{ sku: 'STK-FRE-01', quantity: 1 }] })
    resetData()
    expect(getOrders()).toHaveLength(2400)
    expect(findOrder('ORD-12401')).toBeUndefined()
  })
})
