import { describe, expect, it } from 'vitest'
import { defaultOrdersSearch, ordersRoute, parseOrdersSearch } from './orders-search'

const parse = (query: string) => parseOrdersSearch(new URLSearchParams(query))

describe('parseOrdersSearch', () => {
  it('reads every field from the query string', () => {
    expect(parse('page=3&pageSize=50&status=paid&q=%20ada%20&sort=-totalCents')).toEqual({
      page: 3,
      pageSize: 50,
      status: 'paid',
      q: 'ada',
      sort: '-totalCents',
    })
  })

  it.each([
    ['page=0', { page: 1 }],
    ['page=-2', { page: 1 }],
    ['page=2.5', { page: 1 }],
    ['page=abc', { page: 1 }],
    ['pageSize=7', { pageSize: 25 }],
    ['pageSize=1000', { pageSize: 25 }],
    ['status=lost', { status: undefined }],
    ['sort=price', { sort: '-createdAt' }],
  ])('falls back to the default for an invalid %s', (query, expected) => {
    expect(parse(query)).toEqual({ ...defaultOrdersSearch, ...expected })
  })
})

describe('ordersRoute', () => {
  it('leaves defaults out of the URL', () => {
    expect(ordersRoute(defaultOrdersSearch)).toEqual({
      view: 'orders',
      page: undefined,
      pageSize: undefined,
      status: undefined,
      q: undefined,
      sort: undefined,
    })
  })

  it('round-trips through the query string', () => {
    const search = { page: 4, pageSize: 100, status: 'shipped', q: 'o’brien', sort: 'number' } as const
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(ordersRoute(search)))
      if (value !== undefined) query.set(key, String(value))
    expect(parseOrdersSearch(query)).toEqual(search)
  })
})
