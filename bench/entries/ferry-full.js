// Same request, plus the opt-in modules: circuit breaker, rate limiter and bearer auth.
// The size difference to ferry.js is what they cost; ferry.js must contain none of their code.
import { bearer, circuitBreaker, createClient, rateLimit } from '@ferry/client'

export const run = (url) =>
  createClient({
    auth: bearer({ token: 'token' }),
    circuitBreaker: circuitBreaker(),
    rateLimit: rateLimit({ perSecond: 10 }),
  }).get(url)
