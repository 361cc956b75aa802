import type { Meta, StoryObj } from '@storybook/react-vite'
import { userEvent, within } from 'storybook/test'
import { withAppFrame } from '../../stories/app-frame'
import { type Endpoint, stateStory } from '../../stories/network'
import { ExportView } from './export-view'

/** `GET /api/orders/export` (NDJSON): every state starts with a click on "Start export". */
const exportEndpoint: Endpoint = {
  path: '/api/orders/export',
  empty: () =>
    new Response('', { headers: { 'Content-Type': 'application/x-ndjson', 'X-Total-Count': '0' } }),
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

export const Empty: Story = stateStory('empty', exportEndpoint, { shows: '0 of 0 orders' })
export const Success: Story = stateStory('success', exportEndpoint, {
  shows: '2,400 of 2,400 orders (100 %)',
})
export const ServerError: Story = stateStory('serverError', exportEndpoint)
export const NotFound: Story = stateStory('notFound', exportEndpoint)
export const NetworkError: Story = stateStory('network', exportEndpoint)
export const Timeout: Story = stateStory('timeout', exportEndpoint)
export const ParseError: Story = stateStory('parse', exportEndpoint)
export const ValidationError: Story = stateStory('validation', exportEndpoint)
