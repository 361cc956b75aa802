import type { Meta, StoryObj } from '@storybook/react-vite'
import type { RequestHandler } from 'msw'
import { getOrders } from '../mocks/data'
import { handlers } from '../mocks/handlers'
import { sortOrders } from '../mocks/orders-query'
import { clientFor, stateHandler } from './network'
import { type PreviewState, previewStates, type StatePreview, stateNames } from './parameters'
import { StoryProviders } from './providers'
import { RecentOrders, recentOrdersEndpoint } from './recent-orders'

/** Each cell talks to its own base URL, so one page can hold every state at once. */
const cellBase = (state: PreviewState) => `/gallery/${state}`

/**
 * Every state of `<QueryState>` side by side. Each cell has its own client (base URL `/gallery/<state>/api`,
 * its own circuit breaker and cache) and its own handler in front of the mock API, so the cells never meet.
 */
function Gallery() {
  return (
    <div
      style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(auto-fill, minmax(18rem, 1fr))' }}
    >
      {previewStates.map((state) => (
        <section key={state} aria-labelledby={`gallery-${state}`}>
          <h3 id={`gallery-${state}`} style={{ margin: '0 0 0.5rem', fontSize: '0.875rem' }}>
            {stateNames[state]}
          </h3>
          <StoryProviders client={{ ...clientFor(state), baseUrl: `${cellBase(state)}/api` }}>
            <RecentOrders pageSize={3} autoNext={state === 'paging'} cell={state} />
          </StoryProviders>
        </section>
      ))}
    </div>
  )
}

const newest = sortOrders(getOrders(), '-createdAt')[0]
const firstRow = newest ? `#${newest.number} · ${newest.customer.name}` : undefined

/** What each cell must show; the story test checks every one. */
const cells: ReadonlyArray<StatePreview> = previewStates.map((state) => {
  if (state === 'empty') return { state, shows: 'Nothing here yet.' }
  if (state === 'success' || state === 'paging' || state === 'retrying') return { state, shows: firstRow }
  return { state }
})

const network: RequestHandler[] = [
  ...previewStates.map((state) => stateHandler(state, recentOrdersEndpoint, `*${cellBase(state)}`)),
  ...handlers,
]

const meta: Meta<typeof Gallery> = {
  title: 'All states',
  component: Gallery,
  parameters: {
    layout: 'padded',
    msw: { handlers: network },
    gallery: cells,
  },
}

export default meta

export const AllStates: StoryObj<typeof meta> = { name: 'All states' }
