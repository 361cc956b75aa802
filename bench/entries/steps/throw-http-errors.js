// createClient().get(url) with a 404 read as data (throwHttpErrors): a core option, so only the app's code adds.
import { createClient } from '@ferry/client'

export const run = (url) => createClient({ throwHttpErrors: (status) => status !== 404 }).get(url)
