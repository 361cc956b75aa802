import type { Meta, StoryObj } from '@storybook/react-vite'
import { userEvent, within } from 'storybook/test'
import { getOrders } from '../../mocks/data'
import { withAppFrame } from '../../stories/app-frame'
import { type Endpoint, stateStory } from '../../stories/network'
import { ExportView } from './export-view'

/** Records the Streaming story receives before its stream stalls. */
const streamedBeforeStall = 25

/**
 * A stream that sends its first records, then nothing more until the client gives up (cancel, unmount): the
 * export keeps what arrived on screen, busy.
 */
function stalledExport(request: Request): Response {
  const orders = getOrders()
  const first = orders.slice(0, streamedBeforeStall)
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(
        new TextEncoder().encode(first.map((order) => `${JSON.stringify(order)}\n`).join('')),
      )
      request.signal.addEventListener('abort', () => controller.error(request.signal.reason), { once: true })
    },
  })
  return new Response(body, {
    headers: { 'Content-Type': 'application/x-ndjson', 'X-Total-Count': String(orders.length) },
  })
}

/** `GET /api/orders/export` (NDJSON): every state starts with a click on "Start export". */
const exportEndpoint: Endpoint = {
  path: '/api/orders/export',
  empty: () =>
    new Response('', { headers: { 'Content-Type': 'application/x-ndjson', 'X-Total-Count': '0' } }),
  partial: stalledExport,
}

const meta = {
  title: 'Export',
  component: ExportView,
  decorators: [withAppFrame],
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Start export' }))
  },
} satisfies Meta<typeof ExportView>

export default meta
type Story = StoryObj<typeof meta>

export const Loading: Story = stateStory('loading', exportEndpoint)
export const Empty: Story = stateStory('empty', exportEndpoint, { shows: 'No orders to export' })
export const Success: Story = stateStory('success', exportEndpoint, {
  shows: '2,400 of 2,400 orders (100 %)',
})
/** The stream's first records arrived, the rest never does: the count stays, busy (the "paging" state). */
export const Streaming: Story = {
  ...stateStory('paging', exportEndpoint, { shows: '25 of 2,400 orders (1 %)' }),
  name: 'Streaming (stalled)',
}
export const Retrying: Story = stateStory('retrying', exportEndpoint, {
  shows: '2,400 of 2,400 orders (100 %)',
})
export const RateLimited: Story = stateStory('rateLimited', exportEndpoint)
export const ServerError: Story = stateStory('serverError', exportEndpoint)
export const NotFound: Story = stateStory('notFound', exportEndpoint)
export const NetworkError: Story = stateStory('network', exportEndpoint)
export const Timeout: Story = stateStory('timeout', exportEndpoint)
export const ParseError: Story = stateStory('parse', exportEndpoint)
export const ValidationError: Story = stateStory('validation', exportEndpoint)
