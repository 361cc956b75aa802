import type { Preview } from '@storybook/react-vite'
import { mswLoader } from 'msw-storybook-addon/csf3'
import { connectApiEvents } from '../src/connect-api-events'
import { resetRateLimit } from '../src/features/status/rate-limit-store'
import { handlers } from '../src/mocks/handlers'
import { StoryProviders } from '../src/stories/providers'
import '../src/styles/global.css'

connectApiEvents()

/**
 * Every story gets what `main.tsx` gives the app, made fresh: the app's client (`createApi`, with the story's
 * `parameters.ferry` overrides) and a QueryClient. Requests go to MSW: the story's `parameters.msw.handlers`,
 * by default the demo's mock API.
 */
const preview: Preview = {
  loaders: [mswLoader()],
  beforeEach: () => {
    // The rate-limit banner's countdown belongs to the story that hit the limit.
    resetRateLimit()
  },
  decorators: [
    (Story, { parameters }) => (
      <StoryProviders client={parameters.ferry}>
        <Story />
      </StoryProviders>
    ),
  ],
  parameters: {
    layout: 'padded',
    msw: { handlers },
  },
}

export default preview
