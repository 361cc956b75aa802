// createClient().get(url) with fetch options passed through `init`: a core option, so only the app's code adds.
import { createClient } from '@ferry/client'

export const run = (url) =>
  createClient({ init: { cache: 'no-store', priority: 'high', credentials: 'include' } }).get(url)
