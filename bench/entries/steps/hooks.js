// createClient().get(url) with hooks(): a header set in beforeRequest, a 403 retried from afterResponse.
import { createClient, hooks } from '@ferry/client'

export const run = (url) =>
  createClient({
    use: [
      hooks({
        beforeRequest: (request) => request.headers.set('x-tenant', 'acme'),
        afterResponse: (_, response) => (response.status === 403 ? hooks.retry() : undefined),
      }),
    ],
  }).get(url)
