// createClient().get(url) with client-level query defaults: a core option, so only the app's code adds.
import { createClient } from '@ferry/client'

export const run = (url) => createClient({ query: { v: '2', tenant: 'acme' } }).get(url)
