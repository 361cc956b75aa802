import type { Meta, StoryObj } from '@storybook/react-vite'
import { userEvent, within } from 'storybook/test'
import { getOrders } from '../../mocks/data'
import { sortOrders } from '../../mocks/orders-query'
import { withAppFrame } from '../../stories/app-frame'
import { type Endpoint, stateStory } from '../../stories/network'
import { FeedView } from './feed-view'

/** `GET /api/orders/feed`: a request with a cursor (a later page) hangs in the paging state. */
const feed: Endpoint = {
  path: '/api/orders/feed',
  empty: () => Response.json({ data: [], meta: { nextCursor: null } }),
  isLaterPage: (url) => url.searchParams.has('cursor'),
}

/** The first item of the feed (newest first). */
const top = sortOrders(getOrders(), '-number')[0]
const firstItem = top ? `#${top.number}` : undefined

const meta = {
  title: 'Feed',
  component: FeedView,
  decorators: [withAppFrame],
} satisfies Meta<typeof FeedView>

export default meta
type Story = StoryObj<typeof meta>

export const Loading: Story = stateStory('loading', feed)
export const Empty: Story = stateStory('empty', feed, { shows: 'No orders in the feed' })
export const Success: Story = stateStory('success', feed, { shows: firstItem })
export const PlaceholderPaging: Story = {
  ...stateStory('paging', feed, { shows: firstItem }),
  // The next page never arrives: the items stay, "Load more" is busy.
  play: async ({ canvasElement }) => {
    const more = await within(canvasElement).findByRole('button', { name: 'Load more' }, { timeout: 10_000 })
    await userEvent.click(more)
  },
}
export const Retrying: Story = stateStory('retrying', feed, { shows: firstItem })
export const RateLimited: Story = stateStory('rateLimited', feed)
export const ServerError: Story = stateStory('serverError', feed)
export const NotFound: Story = stateStory('notFound', feed)
export const NetworkError: Story = stateStory('network', feed)
export const Timeout: Story = stateStory('timeout', feed)
export const ParseError: Story = stateStory('parse', feed)
export const ValidationError: Story = stateStory('validation', feed)
