// createClient().get(url) with the events step, headers included with secrets masked (observe + redactedHeaders()).
import { createClient, observe, redactedHeaders } from '@ferry/client'

export const run = (url) =>
  createClient({
    events: observe((event) => console.debug(event), { includeHeaders: redactedHeaders() }),
  }).get(url)
