import type { Meta, StoryObj } from '@storybook/react-vite'
import { http } from 'msw'
import { userEvent, within } from 'storybook/test'
import { getOrders } from '../../mocks/data'
import { handlers } from '../../mocks/handlers'
import { sortOrders } from '../../mocks/orders-query'
import { withAppFrame } from '../../stories/app-frame'
import { type Endpoint, malformed, stateStory } from '../../stories/network'
import { OrdersView } from './orders-view'

/** `GET /api/orders`, the table's endpoint: later pages hang in the paging state. */
const orders: Endpoint = {
  path: '/api/orders',
  empty: () =>
    Response.json({ data: [], meta: { page: 1, pageSize: 25, total: 0, totalPages: 0, hasNextPage: false } }),
  isLaterPage: (url) => (url.searchParams.get('page') ?? '1') !== '1',
}

/** The customer of the first row (newest first, the table's default sort). */
const firstRow = sortOrders(getOrders(), '-createdAt')[0]?.customer.name

const meta = {
  title: 'Orders/Table',
  component: OrdersView,
  decorators: [withAppFrame],
} satisfies Meta<typeof OrdersView>

export default meta
type Story = StoryObj<typeof meta>

export const Loading: Story = stateStory('loading', orders)
export const Empty: Story = stateStory('empty', orders, { shows: 'No orders yet' })
export const Success: Story = stateStory('success', orders, { shows: firstRow })
export const PlaceholderPaging: Story = {
  ...stateStory('paging', orders, { shows: firstRow }),
  // Page 2 never arrives: page 1 stays on screen, dimmed and busy.
  play: async ({ canvasElement }) => {
    const next = await within(canvasElement).findByRole('button', { name: 'Next page' }, { timeout: 10_000 })
    await userEvent.click(next)
  },
}
export const Retrying: Story = stateStory('retrying', orders, { shows: firstRow })
export const RateLimited: Story = stateStory('rateLimited', orders)
export const ServerError: Story = stateStory('serverError', orders)
export const NotFound: Story = stateStory('notFound', orders)
export const NetworkError: Story = stateStory('network', orders)
export const Timeout: Story = stateStory('timeout', orders)
export const ParseError: Story = stateStory('parse', orders)
export const ValidationError: Story = stateStory('validation', orders)

/** Requests left to fail with a cut-off body: the "Refresh failed" story's play sets it right before its click. */
let refreshFailures = 0

/**
 * The table loads; "Refresh" then meets a body cut off halfway (a ParseError, not retried): the rows stay,
 * with a notice that they may be out of date and a Retry.
 */
export const RefreshFailed: Story = {
  name: 'Refresh failed',
  parameters: {
    msw: {
      handlers: [
        http.get('*/api/orders', async ({ request }) => {
          // Page 2 is prefetched behind the table: only the page on screen fails.
          if (refreshFailures === 0 || orders.isLaterPage?.(new URL(request.url))) return undefined
          refreshFailures--
          return malformed()
        }),
        ...handlers,
      ],
    },
    preview: { state: 'parse', shows: 'Could not refresh the orders; what you see may be out of date.' },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await canvas.findByRole('table', { name: 'Orders' }, { timeout: 10_000 })
    refreshFailures = 1
    await userEvent.click(canvas.getByRole('button', { name: 'Refresh' }))
  },
}
