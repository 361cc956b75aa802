import type { Meta, StoryObj } from '@storybook/react-vite'
import { http } from 'msw'
import { getOrders } from '../mocks/data'
import { handlers } from '../mocks/handlers'
import { sortOrders } from '../mocks/orders-query'
import { malformed, stateStory } from '../stories/network'
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

/** Mounts whose first request has been let through: every later request of theirs fails. */
const loaded = new Set<string>()

/**
 * Page 1 arrives, then its one refresh meets a body cut off halfway (a ParseError, not retried): the rows
 * stay, under `<QueryState>`'s default refresh alert with its Retry.
 */
export const RefreshFailed: Story = {
  name: 'Refresh failed',
  args: { autoRefresh: true },
  parameters: {
    msw: {
      handlers: [
        http.get('*/api/orders', async ({ request }) => {
          const cell = new URL(request.url).searchParams.get('cell')
          if (!cell?.startsWith('refresh-')) return undefined
          if (!loaded.has(cell)) {
            loaded.add(cell)
            return undefined
          }
          return malformed()
        }),
        ...handlers,
      ],
    },
    preview: { state: 'parse', shows: 'Refreshing failed; this may be out of date.' },
  },
}
