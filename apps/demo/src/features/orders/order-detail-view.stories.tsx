import type { Meta, StoryObj } from '@storybook/react-vite'
import { getOrders } from '../../mocks/data'
import { handlers } from '../../mocks/handlers'
import { withAppFrame } from '../../stories/app-frame'
import { type Endpoint, stateStory } from '../../stories/network'
import { OrderDetailView } from './order-detail-view'

/** `GET /api/orders/:id`. One order is never empty and has no pages: those two states do not apply. */
const order: Endpoint = { path: '/api/orders/:id' }

const shown = getOrders()[41]
const title = shown ? `Order #${shown.number}` : undefined

const meta = {
  title: 'Orders/Detail',
  component: OrderDetailView,
  decorators: [withAppFrame],
  args: { id: shown?.id ?? 'ORD-10042' },
} satisfies Meta<typeof OrderDetailView>

export default meta
type Story = StoryObj<typeof meta>

export const Loading: Story = stateStory('loading', order)
export const Success: Story = stateStory('success', order, { shows: title })
export const Retrying: Story = stateStory('retrying', order, { shows: title })
export const RateLimited: Story = stateStory('rateLimited', order)
export const ServerError: Story = stateStory('serverError', order)
const missing = stateStory('notFound', order, {
  shows: /There is no order with the id "ORD-99999"/,
  retry: false,
})
/** The mock API's own 404 for an id it does not know: no Retry, a way back instead. */
export const NotFound: Story = {
  ...missing,
  args: { id: 'ORD-99999' },
  parameters: { ...missing.parameters, msw: { handlers } },
}
export const NetworkError: Story = stateStory('network', order)
export const Timeout: Story = stateStory('timeout', order)
export const ParseError: Story = stateStory('parse', order)
export const ValidationError: Story = stateStory('validation', order)
