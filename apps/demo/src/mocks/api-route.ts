import { HttpResponse } from 'msw'
import { type ChaosSettings, getChaos } from './chaos.js'
import { envelopeErrorResponse, planFaults, serverErrorResponse, truncateJson } from './faults.js'
import { problem } from './problem.js'
import { rateLimitPerMinute, takeRateLimit } from './rate-limit.js'
import { sleep, untilAborted } from './sleep.js'

// One /api route's trip through a hostile network: what happens to every request before and after its
// endpoint answers.

/** What a response carries: JSON (subject to envelope errors and malformed JSON) or anything else. */
export type RouteKind = 'json' | 'other'

export interface RouteContext {
  readonly request: Request
  readonly url: URL
  readonly id: string
  readonly chaos: ChaosSettings
}

let requestCounter = 0

const rateLimitedHeaders = {
  'Retry-After': '5',
  'X-RateLimit-Limit': String(rateLimitPerMinute),
  'X-RateLimit-Remaining': '0',
  'X-RateLimit-Reset': '5',
}

/**
 * Wraps an endpoint with what every /api response goes through: latency, the chaos faults, the rate limit,
 * X-RateLimit-* headers and the echoed (or generated) X-Request-ID.
 *
 * @example
 * http.get('/api/orders/:id', apiRoute('json', ({ id }) => Response.json(findOrder(id))))
 */
export function apiRoute(kind: RouteKind, resolve: (context: RouteContext) => Response | Promise<Response>) {
  return async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
    const chaos = getChaos()
    const requestId =
      request.headers.get('X-Request-ID') ?? `mock-${(++requestCounter).toString(36).padStart(6, '0')}`
    await sleep(chaos.latencyMs, request.signal)
    const faults = planFaults(chaos)
    if (faults.network) return HttpResponse.error()
    if (faults.hang) {
      await untilAborted(request.signal)
      return HttpResponse.error()
    }
    const limit = chaos.rateLimited ? { allowed: false, headers: rateLimitedHeaders } : takeRateLimit()
    let response: Response
    if (!limit.allowed) {
      const wait = limit.headers['Retry-After'] ?? '60'
      response = problem(
        429,
        'rate-limited',
        'Too many requests',
        `The limit is ${rateLimitPerMinute} requests per minute. Try again in ${wait} s.`,
      )
    } else if (faults.serverError) {
      response = serverErrorResponse(faults.serverError)
    } else if (faults.envelopeError && kind === 'json') {
      response = envelopeErrorResponse()
    } else {
      const id = typeof params.id === 'string' ? params.id : ''
      response = await resolve({ request, url: new URL(request.url), id, chaos })
      if (faults.malformedJson && kind === 'json' && response.ok) response = await truncateJson(response)
    }
    for (const [name, value] of Object.entries(limit.headers)) response.headers.set(name, value)
    response.headers.set('X-Request-ID', requestId)
    return response
  }
}
