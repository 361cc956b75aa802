// createClient().get(url) with an envelope check (unwrap: envelope(fn)): "200 but the body says error".
import { createClient, envelope } from '@ferry/client'

export const run = (url) =>
  createClient({
    unwrap: envelope((body) => {
      if (body?.error) throw new Error(body.error.message)
      return body
    }),
  }).get(url)
