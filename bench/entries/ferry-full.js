// Same request, plus the opt-in modules: circuit breaker, rate limiter, bearer auth, hooks and events.
// The size difference to ferry.js is what they cost; ferry.js must contain none of their code.
import { bearer, circuitBreaker, createClient, hooks, observe, rateLimit } from '@ferry/client'

export const run = (url) =>
  createClient({
    auth: bearer({ token: 'token' }),
    circuitBreaker: circuitBreaker(),
    rateLimit: rateLimit({ perSecond: 10 }),
    events: observe((event) => console.debug(event)),
    use: [hooks({ beforeRequest: (request) => request.headers.set('x-tenant', 'acme') })],
  }).get(url)
