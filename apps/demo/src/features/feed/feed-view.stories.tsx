import type { Meta, StoryObj } from '@storybook/react-vite'
import { http } from 'msw'
import { userEvent, within } from 'storybook/test'
import { getOrders } from '../../mocks/data'
import { handlers } from '../../mocks/handlers'
import { sortOrders } from '../../mocks/orders-query'
import { problem } from '../../mocks/problem'
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

async function clickLoadMore({ canvasElement }: { readonly canvasElement: HTMLElement }): Promise<void> {
  const more = await within(canvasElement).findByRole('button', { name: 'Load more' }, { timeout: 10_000 })
  await userEvent.click(more)
}

export const Loading: Story = stateStory('loading', feed)
export const Empty: Story = stateStory('empty', feed, { shows: 'No orders in the feed' })
export const Success: Story = stateStory('success', feed, { shows: firstItem })
export const PlaceholderPaging: Story = {
  ...stateStory('paging', feed, { shows: firstItem }),
  // The next page never arrives: the items stay, "Load more" is busy.
  play: clickLoadMore,
}
/** The first page loads; every later page is a 404: the loaded items stay, and the failure is said below them. */
export const LoadMoreFailed: Story = {
  name: 'Load more failed',
  parameters: {
    msw: {
      handlers: [
        http.get('*/api/orders/feed', ({ request }) =>
          feed.isLaterPage?.(new URL(request.url))
            ? problem(404, 'cursor-expired', 'Cursor expired', 'This cursor is too old; start from the top.')
            : undefined,
        ),
        ...handlers,
      ],
    },
    // "Load more" is the way to try again, so the alert has no Retry button of its own.
    preview: { state: 'notFound', shows: 'Could not load more orders.', retry: false },
  },
  play: clickLoadMore,
}
export const Retrying: Story = stateStory('retrying', feed, { shows: firstItem })
export const RateLimited: Story = stateStory('rateLimited', feed)
export const ServerError: Story = stateStory('serverError', feed)
export const NotFound: Story = stateStory('notFound', feed)
export const NetworkError: Story = stateStory('network', feed)
export const Timeout: Story = stateStory('timeout', feed)
export const ParseError: Story = stateStory('parse', feed)
export const ValidationError: Story = stateStory('validation', feed)
