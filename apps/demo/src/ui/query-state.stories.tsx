import type { Meta, StoryObj } from '@storybook/react-vite'
import { getOrders } from '../mocks/data'
import { sortOrders } from '../mocks/orders-query'
import { stateStory } from '../stories/network'
import { RecentOrders, recentOrdersEndpoint } from '../stories/recent-orders'

const newest = sortOrders(getOrders(), '-createdAt')[0]
/** The first row of page 1, as the list shows it. */
const firstRow = newest ? `#${newest.number} · ${newest.customer.name}` : undefined

const meta = {
  title: 'QueryState',
  component: RecentOrders,
} satisfies Meta<typeof RecentOrders>

export default meta
type Story = StoryObj<typeof meta>

export const Loading: Story = stateStory('loading', recentOrdersEndpoint)
export const Empty: Story = stateStory('empty', recentOrdersEndpoint, { shows: 'Nothing here yet.' })
export const Success: Story = stateStory('success', recentOrdersEndpoint, { shows: firstRow })
export const PlaceholderPaging: Story = {
  ...stateStory('paging', recentOrdersEndpoint, { shows: firstRow }),
  args: { autoNext: true },
}
export const Retrying: Story = stateStory('retrying', recentOrdersEndpoint, { shows: firstRow })
export const RateLimited: Story = stateStory('rateLimited', recentOrdersEndpoint)
export const ServerError: Story = stateStory('serverError', recentOrdersEndpoint)
export const NotFound: Story = stateStory('notFound', recentOrdersEndpoint)
export const NetworkError: Story = stateStory('network', recentOrdersEndpoint)
export const Timeout: Story = stateStory('timeout', recentOrdersEndpoint)
export const ParseError: Story = stateStory('parse', recentOrdersEndpoint)
export const ValidationError: Story = stateStory('validation', recentOrdersEndpoint)
