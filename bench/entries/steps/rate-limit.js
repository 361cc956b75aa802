// createClient().get(url) plus one step: the rate limiter.
import { createClient, rateLimit } from '@ferry/client'

export const run = (url) => createClient({ rateLimit: rateLimit({ perSecond: 10 }) }).get(url)
