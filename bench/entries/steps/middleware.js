// createClient().get(url) with one user middleware (a tracing header): what the extension point itself costs.
import { createClient } from '@ferry/client'

export const run = (url) =>
  createClient({
    use: [
      (request, next) => {
        request.headers.set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')
        return next(request)
      },
    ],
  }).get(url)
