import { byMeta, createClient, paginate, stream } from '@ferry/client'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { Order, OrdersFeed, OrdersPage, Product } from '../api/schemas.js'
import { resetChaos } from './chaos.js'
import { addOrder, catalogue, getOrders, resetData } from './data.js'
import { handlers } from './handlers.js'
import { server } from './node.js'
import { rateLimitPerMinute, takeRateLimit } from './rate-limit.js'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  vi.useRealTimers()
  server.resetHandlers()
  resetData()
  resetChaos()
})
afterAll(() => server.close())

async function json(response: Response): Promise<unknown> {
  return JSON.parse(await response.text())
}

async function page(query: string): Promise<OrdersPage> {
  const response = await fetch(`/api/orders${query}`)
  expect(response.status).toBe(200)
  return OrdersPage.parse(await json(response))
}

const byStatus = (status: string) => getOrders().filter((order) => order.status === status)

describe('GET /api/orders', () => {
  it('answers the first 20 orders, newest first, with page meta', async () => {
    const response = await fetch('/api/orders')
    expect(response.headers.get('Content-Type')).toBe('application/json')
    expect(response.headers.get('X-Total-Count')).toBe('2400')
    const body = OrdersPage.parse(await json(response))
    expect(body.meta).toEqual({ page: 1, pageSize: 20, total: 2400, totalPages: 120, hasNextPage: true })
    expect(body.data.map((order) => order.id)).toEqual(
      Array.from({ length: 20 }, (_, index) => `ORD-${12400 - index}`),
    )
  })

  it('pages without overlap and ends with hasNextPage false', async () => {
    const first = await page('?page=1&pageSize=50')
    const second = await page('?page=2&pageSize=50')
    expect(second.data).toHaveLength(50)
    expect(second.data[0]?.number).toBe((first.data.at(-1)?.number ?? 0) - 1)
    const last = await page('?page=343&pageSize=7')
    expect(last.meta).toEqual({ page: 343, pageSize: 7, total: 2400, totalPages: 343, hasNextPage: false })
    expect(last.data.map((order) => order.id)).toEqual([
      'ORD-10006',
      'ORD-10005',
      'ORD-10004',
      'ORD-10003',
      'ORD-10002',
      'ORD-10001',
    ])
  })

  it('answers an empty page past the end', async () => {
    const beyond = await page('?page=999&pageSize=100')
    expect(beyond.data).toEqual([])
    expect(beyond.meta).toMatchObject({ page: 999, total: 2400, totalPages: 24, hasNextPage: false })
  })

  it('links next, prev, first and last pages', async () => {
    const response = await fetch('/api/orders?page=2&pageSize=10&status=paid')
    const lastPage = Math.ceil(byStatus('paid').length / 10)
    expect(lastPage).toBeGreaterThan(3)
    expect(response.headers.get('Link')).toBe(
      [
        '<http://localhost:3000/api/orders?page=3&pageSize=10&status=paid>; rel="next"',
        '<http://localhost:3000/api/orders?page=1&pageSize=10&status=paid>; rel="prev"',
        '<http://localhost:3000/api/orders?page=1&pageSize=10&status=paid>; rel="first"',
        `<http://localhost:3000/api/orders?page=${lastPage}&pageSize=10&status=paid>; rel="last"`,
      ].join(', '),
    )
  })

  it('filters by status', async () => {
    const refunded = await page('?status=refunded&pageSize=100')
    expect(refunded.meta.total).toBe(byStatus('refunded').length)
    expect(refunded.meta.total).toBeGreaterThan(0)
    expect(refunded.data.every((order) => order.status === 'refunded')).toBe(true)
  })

  it.each([
    ['ORD-10042', ['ORD-10042']],
    ['sami.bakker@mail', undefined],
    ['müller', undefined],
    ['MULLER', undefined],
    ["o'brien", undefined],
  ])('searches id, customer name and email: q=%s', async (q, ids) => {
    const body = await page(`?q=${encodeURIComponent(q)}&pageSize=100`)
    expect(body.meta.total).toBeGreaterThan(0)
    if (ids) expect(body.data.map((order) => order.id)).toEqual(ids)
    const needle = q
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
    for (const order of body.data) {
      const haystack = `${order.id} ${order.customer.name} ${order.customer.email}`
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase()
      expect(haystack).toContain(needle)
    }
  })

  it('finds nothing for a search with no match (empty, not an error)', async () => {
    const body = await page('?q=zzz-nobody&status=paid')
    expect(body).toEqual({
      data: [],
      meta: { page: 1, pageSize: 20, total: 0, totalPages: 0, hasNextPage: false },
    })
  })

  it.each([
    ['totalCents', (a: Order, b: Order) => a.totalCents <= b.totalCents],
    ['-totalCents', (a: Order, b: Order) => a.totalCents >= b.totalCents],
    ['createdAt', (a: Order, b: Order) => a.createdAt <= b.createdAt],
    ['number', (a: Order, b: Order) => a.number < b.number],
  ])('sorts by %s', async (sort, inOrder) => {
    const body = await page(`?sort=${sort}&pageSize=100&page=3`)
    for (let i = 1; i < body.data.length; i++) {
      const [a, b] = [body.data[i - 1], body.data[i]]
      if (a && b) expect(inOrder(a, b)).toBe(true)
    }
  })

  it('shows a created order first with the default sort', async () => {
    const created = addOrder({
      customerName: 'Ada Lovelace',
      email: 'ada@example.com',
      items: [{ sku: 'MUG-CER-350', quantity: 1 }],
    })
    const body = await page('')
    expect(body.data[0]).toEqual(created)
    expect(body.meta.total).toBe(2401)
  })

  it('refuses bad parameters with 400 problem+json listing each', async () => {
    const response = await fetch('/api/orders?page=0&pageSize=500&sort=price&status=open')
    expect(response.status).toBe(400)
    expect(response.headers.get('Content-Type')).toBe('application/problem+json')
    const body = await json(response)
    expect(body).toMatchObject({
      type: 'https://demo.ferry.dev/problems/invalid-parameters',
      title: 'Invalid query parameters',
      status: 400,
      errors: [{ field: 'page' }, { field: 'pageSize' }, { field: 'sort' }, { field: 'status' }],
    })
    expect(z.object({ detail: z.string() }).parse(body).detail).toContain(
      'pageSize must be an integer from 1 to 100',
    )
  })

  it('works with an absolute API origin too', async () => {
    const response = await fetch('https://api.example.com/api/orders?pageSize=1')
    expect(OrdersPage.parse(await json(response)).data[0]?.id).toBe('ORD-12400')
  })
})

describe('GET /api/orders/feed', () => {
  it('walks every order newest first by cursor, ending with nextCursor null', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    let requests = 0
    do {
      const query: string = cursor === null ? '?limit=100' : `?limit=100&cursor=${encodeURIComponent(cursor)}`
      const feed = OrdersFeed.parse(await json(await fetch(`/api/orders/feed${query}`)))
      seen.push(...feed.data.map((order) => order.id))
      cursor = feed.meta.nextCursor
      requests++
    } while (cursor !== null && requests < 30)
    expect(requests).toBe(24)
    expect(seen).toHaveLength(2400)
    expect(new Set(seen).size).toBe(2400)
    expect(seen[0]).toBe('ORD-12400')
    expect(seen.at(-1)).toBe('ORD-10001')
  })

  it('defaults to 20 and keeps its place when orders are created meanwhile', async () => {
    const first = OrdersFeed.parse(await json(await fetch('/api/orders/feed')))
    expect(first.data).toHaveLength(20)
    addOrder({
      customerName: 'Ada Lovelace',
      email: 'ada@example.com',
      items: [{ sku: 'MUG-CER-350', quantity: 1 }],
    })
    const next = OrdersFeed.parse(
      await json(await fetch(`/api/orders/feed?cursor=${encodeURIComponent(first.meta.nextCursor ?? '')}`)),
    )
    expect(next.data[0]?.number).toBe(12380)
  })

  it('filters by status', async () => {
    const feed = OrdersFeed.parse(await json(await fetch('/api/orders/feed?status=cancelled&limit=100')))
    expect(feed.data.every((order) => order.status === 'cancelled')).toBe(true)
  })

  it.each([
    ['cursor=not-a-cursor', 'cursor'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
  ])('refuses %s with 400 problem+json', async (query, field) => {
    const response = await fetch(`/api/orders/feed?${query}`)
    expect(response.status).toBe(400)
    expect(await json(response)).toMatchObject({ status: 400, errors: [{ field }] })
  })
})

describe('GET /api/orders/:id', () => {
  it('answers the order', async () => {
    const response = await fetch('/api/orders/ORD-10042')
    expect(response.status).toBe(200)
    expect(Order.parse(await json(response))).toEqual(getOrders().find((order) => order.id === 'ORD-10042'))
  })

  it('answers 404 problem+json with title and detail for an unknown id', async () => {
    const response = await fetch('/api/orders/ORD-99999')
    expect(response.status).toBe(404)
    expect(response.headers.get('Content-Type')).toBe('application/problem+json')
    expect(await json(response)).toEqual({
      type: 'https://demo.ferry.dev/problems/not-found',
      title: 'Order not found',
      status: 404,
      detail: 'There is no order with the id "ORD-99999".',
      orderId: 'ORD-99999',
    })
  })
})

describe('GET /api/products', () => {
  it('answers the catalogue', async () => {
    const body = z.array(Product).parse(await json(await fetch('/api/products')))
    expect(body).toEqual(catalogue)
  })
})

describe('GET /api/orders/export', () => {
  async function exportLines(
    query: string,
  ): Promise<{ total: string | null; type: string | null; rows: Order[] }> {
    const response = await fetch(`/api/orders/export${query}`)
    const text = await response.text()
    const rows = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => Order.parse(JSON.parse(line)))
    return { total: response.headers.get('X-Total-Count'), type: response.headers.get('Content-Type'), rows }
  }

  it('streams every order as NDJSON with X-Total-Count', async () => {
    const all = await exportLines('')
    expect(all.type).toBe('application/x-ndjson')
    expect(all.total).toBe('2400')
    expect(all.rows).toHaveLength(2400)
    expect(all.rows).toEqual(getOrders())
  })

  it('exports only the orders matching status and q, as many as X-Total-Count says', async () => {
    const listed = await page('?status=paid&q=example.net&pageSize=1')
    const exported = await exportLines('?status=paid&q=example.net')
    expect(exported.total).toBe(String(listed.meta.total))
    expect(exported.rows).toHaveLength(listed.meta.total)
    expect(exported.rows.every((o) => o.status === 'paid' && o.customer.email.endsWith('example.net'))).toBe(
      true,
    )
  })

  it('streams slowly with the browser defaults: a chunk every 40 ms (fake timers here)', async () => {
    vi.useFakeTimers()
    server.use(...handlers)
    const response = await fetch('/api/orders/export')
    const reader = response.body?.getReader()
    if (!reader) throw new Error('no body')
    const decoder = new TextDecoder()
    let text = decoder.decode((await reader.read()).value, { stream: true })
    expect(text.split('\n').length - 1).toBe(49) // the 50th record is cut across chunks
    for (let chunk = 2; chunk <= 48; chunk++) {
      const next = reader.read()
      let arrived = false
      void next.then(() => {
        arrived = true
      })
      await vi.advanceTimersByTimeAsync(39)
      expect(arrived).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      const result = await next
      expect(result.done).toBe(false)
      text += decoder.decode(result.value, { stream: true })
    }
    expect((await reader.read()).done).toBe(true)
    expect(text.split('\n').filter(Boolean)).toHaveLength(2400)
  })

  it('declares the body length in Content-Length, so a client can report progress as a fraction', async () => {
    const response = await fetch('/api/orders/export?status=paid')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(Number(response.headers.get('Content-Length'))).toBe(bytes.length)
    expect(bytes.length).toBeGreaterThan(10_000)
  })

  it('refuses an unknown status with 400', async () => {
    expect((await fetch('/api/orders/export?status=lost')).status).toBe(400)
  })
})

describe('GET /api/orders/:id/invoice', () => {
  it('sends the PDF in 8 chunks, 80 ms apart with the browser defaults, with its Content-Length', async () => {
    vi.useFakeTimers()
    server.use(...handlers)
    const response = await fetch('/api/orders/ORD-10042/invoice')
    const reader = response.body?.getReader()
    if (!reader) throw new Error('no body')
    let received = (await reader.read()).value?.length ?? 0
    let chunks = 1
    for (;;) {
      const next = reader.read()
      await vi.advanceTimersByTimeAsync(80)
      const result = await next
      if (result.done) break
      received += result.value.length
      chunks++
    }
    expect(chunks).toBe(8)
    expect(received).toBe(Number(response.headers.get('Content-Length')))
  })

  it('answers a PDF document as an attachment', async () => {
    const response = await fetch('/api/orders/ORD-10042/invoice')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="invoice-ORD-10042.pdf"')
    const text = new TextDecoder('latin1').decode(await response.arrayBuffer())
    expect(text.startsWith('%PDF-1.4\n')).toBe(true)
    expect(text.endsWith('%%EOF\n')).toBe(true)
    expect(text).toContain('(Invoice ORD-10042) Tj')
    expect(text).toContain('(Total: EUR 316.90) Tj')
    // The xref table points at each object: a reader can open it.
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1])
    expect(text.slice(startxref, startxref + 4)).toBe('xref')
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]))
    expect(offsets).toHaveLength(6)
    expect(offsets.map((offset) => text.slice(offset, offset + 8))).toEqual(
      ['1', '2', '3', '4', '5', '6'].map((n) => `${n} 0 obj\n`),
    )
  })

  it('answers 404 problem+json for an unknown order', async () => {
    const response = await fetch('/api/orders/ORD-1/invoice')
    expect(response.status).toBe(404)
    expect(response.headers.get('Content-Type')).toBe('application/problem+json')
  })
})

describe('every /api response', () => {
  it('echoes X-Request-ID, or makes one up', async () => {
    const echoed = await fetch('/api/orders/ORD-10042', { headers: { 'X-Request-ID': 'req-123' } })
    expect(echoed.headers.get('X-Request-ID')).toBe('req-123')
    const made = await fetch('/api/orders/ORD-10042')
    expect(made.headers.get('X-Request-ID')).toMatch(/^mock-[0-9a-z]{6}$/)
  })

  it('carries X-RateLimit-* headers, on errors too', async () => {
    for (const path of [
      '/api/orders',
      '/api/orders/nope',
      '/api/products',
      '/api/orders/ORD-10042/invoice',
    ]) {
      const response = await fetch(path)
      expect(response.headers.get('X-RateLimit-Limit')).toBe('600')
      expect(Number(response.headers.get('X-RateLimit-Remaining'))).toBeLessThan(600)
      expect(Number(response.headers.get('X-RateLimit-Reset'))).toBeGreaterThan(0)
    }
  })

  it('answers 429 problem+json with Retry-After once the minute’s budget is spent', async () => {
    for (let i = 1; i < rateLimitPerMinute; i++) takeRateLimit()
    const lastAllowed = await fetch('/api/orders?pageSize=1')
    expect(lastAllowed.status).toBe(200)
    expect(lastAllowed.headers.get('X-RateLimit-Remaining')).toBe('0')
    const refused = await fetch('/api/orders?pageSize=1')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('Content-Type')).toBe('application/problem+json')
    expect(refused.headers.get('Retry-After')).toBe(refused.headers.get('X-RateLimit-Reset'))
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(await json(refused)).toMatchObject({ status: 429, title: 'Too many requests' })
  })

  it('answers 404 problem+json for a route the API does not have', async () => {
    const response = await fetch('/api/customers', { method: 'DELETE' })
    expect(response.status).toBe(404)
    expect(await json(response)).toMatchObject({ detail: 'The API has no route DELETE /api/customers.' })
  })
})

describe('through @ferry/client, as the app uses it', () => {
  const api = createClient({ baseUrl: '/api', retry: false })

  it('paginates by meta until the last page', async () => {
    let rows = 0
    let pages = 0
    for await (const body of paginate(api, '/orders', {
      query: { status: 'refunded', pageSize: 25 },
      schema: OrdersPage,
      next: byMeta(),
    })) {
      rows += body.data.length
      pages++
    }
    expect(rows).toBe(byStatus('refunded').length)
    expect(pages).toBe(Math.ceil(rows / 25))
  })

  it('streams the export record by record up to X-Total-Count', async () => {
    let count = 0
    for await (const order of stream(api, '/orders/export', {
      query: { status: 'shipped' },
      schema: Order,
    })) {
      expect(order.status).toBe('shipped')
      count++
    }
    expect(count).toBe(byStatus('shipped').length)
  })

  it('downloads the invoice as a PDF blob', async () => {
    const blob = await api.get('/orders/:id/invoice', { params: { id: 'ORD-10001' }, as: 'blob' })
    expect(blob.type).toBe('application/pdf')
    expect(await blob.slice(0, 5).text()).toBe('%PDF-')
  })

  it('reports a missing order as an HttpError with the problem details', async () => {
    await expect(api.get('/orders/:id', { params: { id: 'ORD-1' } })).rejects.toMatchObject({
      kind: 'http',
      status: 404,
      problem: { title: 'Order not found', detail: 'There is no order with the id "ORD-1".' },
    })
  })
})
