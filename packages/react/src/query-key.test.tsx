import type { Client } from '@ferry/client'
import { QueryClient, useQuery } from '@tanstack/react-query'
import { screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { apiQuery, apiQueryKey } from './api-query.js'
import { renderWithQuery } from './test-support/render.js'
import { BASE, server, testClient } from './test-support/server.js'
import { useApiQuery } from './use-api-query.js'
import { useFetch } from './use-fetch.js'

function Who({ client, label, body }: { client: Client; label: string; body?: object }) {
  const options = body ? { method: 'POST', body } : {}
  const result = useQuery(apiQuery<{ user: string }>(client, '/me', options))
  return <p>{`${label}: ${result.data?.user ?? result.status}`}</p>
}

/** GET or POST /me answers who asked: the Authorization header, X-Tenant, or the POSTed `q`. */
function meApi() {
  let requests = 0
  const answer = async (request: Request) => {
    requests++
    const body: unknown = request.method === 'POST' ? await request.json() : null
    const q = typeof body === 'object' && body && 'q' in body ? String(body.q) : ''
    return HttpResponse.json({
      user: `${request.headers.get('authorization') ?? request.headers.get('x-tenant') ?? 'anon'}${q}`,
    })
  }
  server.use(
    http.get(`${BASE}/me`, ({ request }) => answer(request)),
    http.post(`${BASE}/me`, ({ request }) => answer(request)),
  )
  return () => requests
}

// One total read two ways: two schemas, two shapes of data.
const Cents = z.object({ cents: z.number() })
const Euros = z.object({ cents: z.number() }).transform(({ cents }) => `€${(cents / 100).toFixed(2)}`)

function Both() {
  const cents = useApiQuery('/total', { schema: Cents })
  const euros = useApiQuery('/total', { schema: Euros })
  return <p>{`${cents.data?.cents ?? '-'} ${euros.data ?? '-'}`}</p>
}

function Ledger() {
  const state = useFetch<{ ok: boolean }>('/ledger/:id', { params: { id: 7 }, query: { after: 12n } })
  return <p>{state.status}</p>
}

describe('query keys', () => {
  it('give two users (two tokens) and two tenants their own cache entries in one QueryClient', async () => {
    const requests = meApi()
    const base = testClient()
    renderWithQuery(
      <>
        <Who client={testClient({ headers: { Authorization: 'Bearer alice' } })} label="a" />
        <Who client={testClient({ headers: { Authorization: 'Bearer bob' } })} label="b" />
        <Who client={base.extend({ headers: { 'X-Tenant': 'acme' } })} label="c" />
        <Who client={base} label="d" />
      </>,
    )
    expect(await screen.findByText('a: Bearer alice')).toBeTruthy()
    expect(await screen.findByText('b: Bearer bob')).toBeTruthy()
    expect(await screen.findByText('c: acme')).toBeTruthy()
    expect(await screen.findByText('d: anon')).toBeTruthy()
    expect(requests()).toBe(4)
  })

  it('give a POST search with another body its own entry', async () => {
    meApi()
    const client = testClient()
    renderWithQuery(
      <>
        <Who client={client} label="x" body={{ q: 'x' }} />
        <Who client={client} label="y" body={{ q: 'y' }} />
      </>,
    )
    expect(await screen.findByText('x: anonx')).toBeTruthy()
    expect(await screen.findByText('y: anony')).toBeTruthy()
  })

  it('give two clients on different base URLs their own entries', () => {
    const a = apiQuery(testClient({ baseUrl: 'https://a.test' }), '/me').queryKey
    const b = apiQuery(testClient({ baseUrl: 'https://b.test' }), '/me').queryKey
    expect(a[1].baseUrl).toBe('https://a.test')
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b))
  })

  it('never hold a secret header in clear, yet tell two secrets apart', () => {
    const client = testClient({ headers: { Authorization: 'Bearer s3cret', Cookie: 'sid=abc' } })
    const key = apiQuery(client, '/me', { headers: { 'X-Api-Key': 'k-123', 'X-Trace': 't1' } }).queryKey
    const text = JSON.stringify(key)
    for (const secret of ['s3cret', 'sid=abc', 'k-123']) expect(text).not.toContain(secret)
    // Every header value is hashed: any header may be a secret.
    expect(key[1].headers['x-trace']).toMatch(/^#[0-9a-z]+$/)
    expect(key[1].headers.authorization).toMatch(/^#[0-9a-z]+$/)
    const other = apiQuery(testClient({ headers: { Authorization: 'Bearer other' } }), '/me').queryKey
    expect(other[1].headers.authorization).not.toBe(key[1].headers.authorization)
  })

  it('put the path first, so that invalidating by path reaches every client, method and query', async () => {
    const queryClient = new QueryClient()
    const client = testClient()
    let calls = 0
    const fetched = (value: string) => () => {
      calls++
      return Promise.resolve(value)
    }
    for (const options of [{}, { query: { page: 2 } }, { method: 'POST', body: { q: 1 } }]) {
      const query = apiQuery<string>(client, '/orders', options)
      await queryClient.fetchQuery({ ...query, queryFn: fetched('orders') })
    }
    await queryClient.fetchQuery({ ...apiQuery<string>(client, '/orders/:id'), queryFn: fetched('one') })
    await queryClient.invalidateQueries({ queryKey: ['/orders'] })
    const invalid = queryClient.getQueryCache().findAll({ predicate: (q) => q.state.isInvalidated })
    expect(invalid.map((q) => q.queryKey[0])).toEqual(['/orders', '/orders', '/orders'])
    expect(
      queryClient.getQueryCache().findAll({ queryKey: ['/orders', { query: { page: 2 } }] }),
    ).toHaveLength(1)
    expect(queryClient.getQueryCache().findAll({ queryKey: ['/orders', { method: 'POST' }] })).toHaveLength(1)
    expect(calls).toBe(4)
  })

  it('hold no header value in clear, a custom API-key header included', () => {
    const client = testClient({ headers: { 'X-Api-Token': 'tok-123' } })
    const key = apiQueryKey(client, '/me', { headers: { 'X-Session': 'sess-456' } })
    const text = JSON.stringify(key)
    for (const secret of ['tok-123', 'sess-456']) expect(text).not.toContain(secret)
    expect(Object.keys(key[1].headers).sort()).toEqual(['x-api-token', 'x-session'])
    const otherKey = apiQueryKey(testClient({ headers: { 'X-Api-Token': 'tok-999' } }), '/me')
    expect(otherKey[1].headers['x-api-token']).not.toBe(apiQueryKey(client, '/me')[1].headers['x-api-token'])
  })

  it('hash the values of the client’s redactQuery parameters, and keep the others readable', () => {
    const client = testClient({ redactQuery: ['token'] })
    const key = apiQueryKey(client, '/files', { query: { token: 'sig-abc', page: 2 } })
    expect(JSON.stringify(key)).not.toContain('sig-abc')
    expect(key[1].query).toMatchObject({ page: 2, token: expect.stringMatching(/^#[0-9a-z]+$/) })
    const other = apiQueryKey(client, '/files', { query: new URLSearchParams('token=sig-xyz&page=2') })
    expect(JSON.stringify(other)).not.toContain('sig-xyz')
    expect(other[1].query).not.toEqual(key[1].query)
  })

  it('give two queries that differ only by schema their own entries, each with its own shape', async () => {
    server.use(http.get(`${BASE}/total`, () => HttpResponse.json({ cents: 1250 })))
    renderWithQuery(<Both />)
    expect(await screen.findByText('1250 €12.50')).toBeTruthy()
  })

  it('accept a bigint in query and params (useFetch too), sent as its digits', async () => {
    const seen: string[] = []
    server.use(
      http.get(`${BASE}/ledger/:id`, ({ request, params }) => {
        seen.push(`${String(params.id)}${new URL(request.url).search}`)
        return HttpResponse.json({ ok: true })
      }),
    )
    const key = apiQueryKey(testClient(), '/ledger/:id', {
      params: { id: 1 },
      query: { after: 9007199254740993n },
    })
    expect(key[1].query).toEqual({ after: '#9007199254740993n' })
    renderWithQuery(<Ledger />)
    expect(await screen.findByText('success')).toBeTruthy()
    expect(seen).toEqual(['7?after=12'])
  })
})
