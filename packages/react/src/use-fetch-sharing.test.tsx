import type { Client } from '@ferry/client'
import { render, screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { BASE, server, testClient, untilAborted } from './test-support/server.js'
import { useFetch } from './use-fetch.js'

interface Item {
  readonly id: string
}

function Row({ client, path, headers }: { client: Client; path: string; headers?: Record<string, string> }) {
  const state = useFetch<Item>(path, { client, ...(headers ? { headers } : {}) })
  return <li>{state.status === 'success' ? state.data.id : state.status}</li>
}

function Rows({ client, count, path = '/items/1' }: { client: Client; count: number; path?: string }) {
  return (
    <ul>
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of identical rows
        <Row key={i} client={client} path={path} />
      ))}
    </ul>
  )
}

/** GET /items/:id counting requests and aborts; with `hang`, it answers only when aborted. */
function itemsApi(hang = false) {
  const seen = { started: 0, aborted: 0 }
  server.use(
    http.get(`${BASE}/items/:id`, async ({ params, request }) => {
      seen.started++
      if (hang) {
        await untilAborted(request.signal)
        seen.aborted++
        return HttpResponse.error()
      }
      return HttpResponse.json({ id: params.id })
    }),
  )
  return seen
}

describe('useFetch sharing', () => {
  it('sends one request for ten components asking for one key at the same time', async () => {
    const api = itemsApi()
    render(<Rows client={testClient()} count={10} />)
    await vi.waitFor(() => expect(screen.getAllByText('1')).toHaveLength(10))
    expect(api.started).toBe(1)
  })

  it('aborts the shared request only when the last component leaves', async () => {
    const api = itemsApi(true)
    const client = testClient()
    const view = render(<Rows client={client} count={3} />)
    await vi.waitFor(() => expect(api.started).toBe(1))
    view.rerender(<Rows client={client} count={1} />)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(api.aborted).toBe(0)
    expect(screen.getAllByText('loading')).toHaveLength(1)
    view.unmount()
    await vi.waitFor(() => expect(api.aborted).toBe(1))
    expect(api.started).toBe(1)
  })

  it('keeps no cache: a component mounted after the answer sends its own request', async () => {
    const api = itemsApi()
    const client = testClient()
    const view = render(<Rows client={client} count={2} />)
    await vi.waitFor(() => expect(screen.getAllByText('1')).toHaveLength(2))
    view.rerender(<Rows client={client} count={3} />)
    await vi.waitFor(() => expect(screen.getAllByText('1')).toHaveLength(3))
    expect(api.started).toBe(2)
  })

  it('shares nothing between two clients or two header sets', async () => {
    const api = itemsApi()
    const client = testClient()
    render(
      <ul>
        <Row client={client} path="/items/1" />
        <Row client={testClient()} path="/items/1" />
        <Row client={client} path="/items/1" headers={{ 'X-Tenant': 'b' }} />
      </ul>,
    )
    await vi.waitFor(() => expect(screen.getAllByText('1')).toHaveLength(3))
    expect(api.started).toBe(3)
  })
})
