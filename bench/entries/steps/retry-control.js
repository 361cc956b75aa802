// createClient().get(url) with retry.shouldRetry and retry.delay: core options, so only the app's code adds.
import { createClient } from '@ferry/client'

export const run = (url) =>
  createClient({
    retry: {
      shouldRetry: ({ error }) => (error.kind === 'http' && error.status === 409 ? true : undefined),
      delay: (retry) => 250 * retry,
    },
  }).get(url)
