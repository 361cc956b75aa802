import { describe, expect, it } from 'vitest'
import type { Order } from '../api/schemas.js'
import { filterOrders, fold, parseFilter, parseListQuery, sortOrders } from './orders-query.js'

const q = (text: string) => new URLSearchParams(text)

describe('parseListQuery', () => {
  it.each([
    ['', { page: 1, pageSize: 20, sort: '-createdAt', status: undefined, q: undefined }],
    ['page=3&pageSize=100&sort=totalCents', { page: 3, pageSize: 100, sort: 'totalCents' }],
    ['status=paid&q=%20m%C3%BCller%20', { status: 'paid', q: 'müller' }],
    ['status=&q=&sort=&page=', { page: 1, status: undefined, q: undefined, sort: '-createdAt' }],
  ])('accepts "%s"', (text, expected) => {
    const parsed = parseListQuery(q(text))
    expect(parsed.ok && parsed.value).toMatchObject(expected)
  })

  it.each([
    ['page=0', 'page', 'page must be an integer ≥ 1, got "0"'],
    ['page=1.5', 'page', 'page must be an integer ≥ 1, got "1.5"'],
    ['page=-2', 'page', 'page must be an integer ≥ 1, got "-2"'],
    ['pageSize=101', 'pageSize', 'pageSize must be an integer from 1 to 100, got "101"'],
    ['pageSize=abc', 'pageSize', 'pageSize must be an integer from 1 to 100, got "abc"'],
    [
      'sort=price',
      'sort',
      'sort must be one of createdAt, -createdAt, totalCents, -totalCents, number, -number',
    ],
    ['status=open', 'status', 'status must be one of pending, paid, shipped, delivered, cancelled, refunded'],
    [`q=${'x'.repeat(101)}`, 'q', 'q must be at most 100 characters'],
  ])('rejects "%s" naming the parameter', (text, field, message) => {
    const parsed = parseListQuery(q(text))
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) {
      expect(parsed.errors).toHaveLength(1)
      expect(parsed.errors[0]?.field).toBe(field)
      expect(parsed.errors[0]?.message).toContain(message)
    }
  })

  it('reports every bad parameter at once', () => {
    const parsed = parseListQuery(q('page=x&pageSize=0&status=nope'))
    expect(parsed.ok || parsed.errors.map((e) => e.field)).toEqual(['page', 'pageSize', 'status'])
  })
})

const order = (
  number: number,
  name: string,
  email: string,
  totalCents: number,
  createdAt: string,
): Order => ({
  id: `ORD-${number}`,
  number,
  customer: { id: 'C', name, email },
  items: [],
  totalCents,
  currency: 'EUR',
  status: number % 2 ? 'paid' : 'pending',
  createdAt,
})
const orders = [
  order(1, 'Zoë Müller', 'zoe.muller@example.com', 500, '2026-01-02T00:00:00.000Z'),
  order(2, "Olu O'Brien", 'olu.obrien@example.net', 500, '2026-01-01T00:00:00.000Z'),
  order(3, 'José García', 'jose.garcia@example.com', 100, '2026-01-03T00:00:00.000Z'),
]

describe('filterOrders', () => {
  it.each([
    ['muller', [1]],
    ['MÜLLER', [1]],
    ['zoe', [1]],
    ["o'brien", [2]],
    ['example.net', [2]],
    ['ord-3', [3]],
    ['ORD-', [1, 2, 3]],
    ['jose garcia', [3]],
    ['nobody', []],
  ])('q=%s finds %o (id, name or email; case and accents ignored)', (text, expected) => {
    expect(filterOrders(orders, { status: undefined, q: text }).map((o) => o.number)).toEqual(expected)
  })

  it('combines status and q', () => {
    expect(filterOrders(orders, { status: 'paid', q: 'example.com' }).map((o) => o.number)).toEqual([1, 3])
    expect(parseFilter(q('status=pending')).status).toBe('pending')
  })

  it('folds accents', () => {
    expect(fold('Zoë Müller Siobhán Łukasz')).toBe('zoe muller siobhan łukasz')
  })
})

describe('sortOrders', () => {
  it.each([
    ['createdAt', [2, 1, 3]],
    ['-createdAt', [3, 1, 2]],
    ['totalCents', [3, 1, 2]],
    ['-totalCents', [2, 1, 3]],
    ['number', [1, 2, 3]],
    ['-number', [3, 2, 1]],
  ] as const)('%s → %o (ties by number, in the same direction)', (sort, expected) => {
    expect(sortOrders(orders, sort).map((o) => o.number)).toEqual(expected)
  })

  it('does not mutate its input', () => {
    const copy = [...orders]
    sortOrders(orders, '-number')
    expect(orders).toEqual(copy)
  })
})
