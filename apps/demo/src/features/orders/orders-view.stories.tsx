import type { Meta, StoryObj } from '@storybook/react-vite'
import { userEvent, within } from 'storybook/test'
import { getOrders } from '../../mocks/data'
import { sortOrders } from '../../mocks/orders-query'
import { withAppFrame } from '../../stories/app-frame'
import { type Endpoint, stateStory } from '../../stories/network'
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
