import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { App } from './app'
import { getLog } from './features/request-log/request-log-store'
import { setChaos } from './mocks/chaos'
import { server } from './mocks/node'
import { renderApp, setupMockApi } from './test-support/mock-api'

setupMockApi()

/** What reached the mock API, as `GET /api/orders?…`, and what the request log recorded. */
function watchRequests() {
  const sent: string[] = []
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url)
    sent.push(`${request.method} ${url.pathname}${url.search}`)
  })
  const logged = () =>
    getLog().flatMap((entry) => (entry.kind === 'request' ? [`${entry.outcome} ${entry.url}`] : []))
  return { sent, logged }
}

const screens = [
  {
    view: 'orders',
    loaded: () => screen.findByRole('table', { name: 'Orders' }),
    resources: ['GET /api/orders?pageSize=25&sort=-createdAt&page=1'],
  },
  {
    view: 'order&id=ORD-10042',
    loaded: () => screen.findByRole('table', { name: 'Items' }),
    resources: ['GET /api/orders/ORD-10042', 'GET /api/orders/ORD-10042/payment'],
  },
  {
    view: 'feed',
    loaded: () => screen.findByRole('list', { name: 'Latest orders' }),
    resources: ['GET /api/orders/feed?limit=20'],
  },
  {
    view: 'new',
    loaded: () => screen.findByRole('button', { name: 'Place order' }),
    resources: ['GET /api/products'],
  },
]

describe('StrictMode (as main.tsx renders the app)', () => {
  it.each(screens)('loads ?view=$view with one request per resource, none aborted', async (s) => {
    const { sent, logged } = watchRequests()
    renderApp(<App />, { url: `/?view=${s.view}`, strict: true })
    await s.loaded()
    await waitFor(() => expect(logged().some((entry) => entry.startsWith('pending'))).toBe(false))
    for (const resource of s.resources) expect(sent.filter((r) => r === resource)).toEqual([resource])
    expect(logged().filter((entry) => !entry.startsWith('ok'))).toEqual([])
    expect(logged()).toHaveLength(new Set(sent).size)
  })

  it('still cancels the request of a screen that is left while it loads', async () => {
    setChaos({ latencyMs: 2000 })
    const { logged } = watchRequests()
    renderApp(<App />, { url: '/?view=orders', strict: true })
    await screen.findByText('Loading orders…')
    await waitFor(() => expect(logged()).toHaveLength(1))
    fireEvent.click(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Chaos' }),
    )
    await waitFor(() => expect(logged()).toEqual([expect.stringMatching(/^aborted .*\/api\/orders\?/)]))
  })
})
