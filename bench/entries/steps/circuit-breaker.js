// createClient().get(url) plus one step: the circuit breaker.
import { circuitBreaker, createClient } from '@ferry/client'

export const run = (url) => createClient({ circuitBreaker: circuitBreaker() }).get(url)
