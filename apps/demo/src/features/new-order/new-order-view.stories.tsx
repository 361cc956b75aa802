import type { Meta, StoryObj } from '@storybook/react-vite'
import { getResponse, HttpResponse, http } from 'msw'
import { userEvent, within } from 'storybook/test'
import { serverErrorResponse } from '../../mocks/faults'
import { handlers } from '../../mocks/handlers'
import { withAppFrame } from '../../stories/app-frame'
import { type Endpoint, isFirstAttempt, stateStory } from '../../stories/network'
import { NewOrderView } from './new-order-view'

/** `GET /api/products`, the catalogue the form needs first (a bare array; it has no pages). */
const products: Endpoint = { path: '/api/products', empty: () => Response.json([]) }

const meta = {
  title: 'New order',
  component: NewOrderView,
  decorators: [withAppFrame],
} satisfies Meta<typeof NewOrderView>

export default meta
type Story = StoryObj<typeof meta>

export const Loading: Story = stateStory('loading', products)
export const Empty: Story = stateStory('empty', products, { shows: 'The catalogue is empty' })
export const Success: Story = stateStory('success', products, { shows: 'Order details' })
export const Retrying: Story = stateStory('retrying', products, { shows: 'Order details' })
export const RateLimited: Story = stateStory('rateLimited', products)
export const ServerError: Story = stateStory('serverError', products)
export const NotFound: Story = stateStory('notFound', products)
export const NetworkError: Story = stateStory('network', products)
export const Timeout: Story = stateStory('timeout', products)
export const ParseError: Story = stateStory('parse', products)
export const ValidationError: Story = stateStory('validation', products)

/** Fills the form with a valid order and submits it. */
const submitOrder: Story['play'] = async ({ canvasElement }) => {
  const canvas = within(canvasElement)
  await userEvent.type(await canvas.findByLabelText('Customer name', {}, { timeout: 10_000 }), 'Ada Lovelace')
  await userEvent.type(canvas.getByLabelText('Email'), 'ada@example.com')
  await userEvent.selectOptions(canvas.getByLabelText('Product 1'), 'MUG-CER-350')
  await userEvent.click(canvas.getByRole('button', { name: 'Place order' }))
}

/** The first attempt of each submission reaches the mock API (the order is created) but its answer is lost. */
const lostResponse = http.post('*/api/orders', async ({ request }) => {
  if (!isFirstAttempt(request)) return undefined
  await getResponse(handlers, request.clone())
  return HttpResponse.error()
})

export const SubmitPlaced: Story = {
  name: 'Submit: placed',
  parameters: { msw: { handlers }, preview: { state: 'success', shows: /Order #\d+ placed/ } },
  play: submitOrder,
}
/** The client retries with the same Idempotency-Key; the server answers from its store instead of acting twice. */
export const SubmitReplayed: Story = {
  name: 'Submit: replayed after a lost response',
  parameters: {
    msw: { handlers: [lostResponse, ...handlers] },
    preview: { state: 'success', shows: 'Replayed by the server.' },
  },
  play: submitOrder,
}
/** Every attempt fails: the form says trying again is safe and offers "Try again" (not a Retry in the alert). */
export const SubmitServerError: Story = {
  name: 'Submit: server error',
  parameters: {
    msw: { handlers: [http.post('*/api/orders', () => serverErrorResponse('500')), ...handlers] },
    preview: { state: 'serverError', shows: /Trying again is safe/, retry: false },
  },
  play: submitOrder,
}
