// createClient().get(url) with events that carry headers, secrets masked (onEvent + redactedHeaders()).
import { createClient, redactedHeaders } from '@ferry/client'

export const run = (url) =>
  createClient({ onEvent: (event) => console.debug(event), includeHeaders: redactedHeaders() }).get(url)
