// Renders the app's components from the installed tarballs against a real HTTP server on 127.0.0.1.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient, isHttpError } from '@ferry/client'
import { FerryProvider } from '@ferry/react'
import { QueryClient } from '@tanstack/react-query'
import { cleanup, render, screen } from '@testing-library/react'
import { version } from 'react'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { App } from './app'
import { OrderDetail } from './orders'

let server: Server
let baseUrl = ''
const seen: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`)
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (req.url === '/orders/7') return json(200, { id: '7', total: 42 })
    if (req.url === '/orders?status=open')
      return json(200, {
        data: [
          { id: 'A1', total: 10 },
          { id: 'A2', total: 5 },
        ],
      })
    return json(404, { title: 'Not found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(() => cleanup())
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

test(`runs on the React version under test (${version})`, () => {
  expect(version.split('.')[0]).toBe(process.env.FERRY_REACT_MAJOR)
})

test('useFetch and useApiQuery render loading, then the data', async () => {
  const client = createClient({ baseUrl })
  render(<App client={client} queryClient={new QueryClient()} />)
  expect(screen.getAllByRole('status').length).toBeGreaterThan(0)
  expect(await screen.findByText('Order 7: 42 EUR')).toBeTruthy()
  expect(await screen.findByText('order A2')).toBeTruthy()
  expect(seen).toContain('GET /orders/7')
  expect(seen).toContain('GET /orders?status=open')
})

test('a 404 shows the error state with its message and a Retry button', async () => {
  const client = createClient({ baseUrl, retry: false })
  render(
    <FerryProvider client={client}>
      <OrderDetail id="missing" />
    </FerryProvider>,
  )
  const alert = await screen.findByRole('alert')
  expect(alert.textContent).toContain('Not found.')
  expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy()
  await expect(client.get('/orders/missing')).rejects.toSatisfy(
    (error: unknown) => isHttpError(error) && error.status === 404,
  )
})
