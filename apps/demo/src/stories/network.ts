import type { Parameters } from '@storybook/react-vite'
import { HttpResponse, http, type RequestHandler } from 'msw'
import { getOrders } from '../mocks/data'
import { serverErrorResponse, truncateJson } from '../mocks/faults'
import { handlers } from '../mocks/handlers'
import { problem } from '../mocks/problem'
import { type PreviewState, type StatePreview, type StoryClientOptions, stateNames } from './parameters'

/**
 * The network behind each preview state: MSW handlers put in front of the demo's own mock API
 * (`src/mocks/handlers.ts`), which answers every request they let through. A story's `parameters.msw.handlers`
 * is `networkFor(state, endpoint)`; Storybook applies them with msw-storybook-addon, the story test with
 * msw/node's `server.use`.
 */

/** The endpoint a component reads, and what "empty" and "a later page" mean for it. */
export interface Endpoint {
  /** The path below the API's base, as MSW matches it: `/api/orders`, `/api/orders/:id`. */
  readonly path: string
  /** The answer with no rows. Only for lists. */
  readonly empty?: () => Response
  /** True when a request asks for a page after the first (it then never settles: placeholder paging). */
  readonly isLaterPage?: (url: URL) => boolean
  /**
   * For a streamed endpoint: a response whose first records arrive and whose rest never does (the "paging"
   * state of a stream: what arrived stays on screen, marked busy). It must end when `request` is aborted.
   */
  readonly partial?: (request: Request) => Response
}

/** Seconds the API asks the client to wait (Retry-After) before it tries again. */
export const retryAfterSeconds = { retrying: 3, rateLimited: 5 } as const

/**
 * A request that is never answered. The client's own timeout or abort ends it on the client's side; in
 * msw/node the handler then settles too (in the browser the worker's copy of the request is never aborted).
 */
async function hang(request: Request): Promise<Response> {
  await new Promise<void>((resolve) => {
    if (request.signal.aborted) resolve()
    else request.signal.addEventListener('abort', () => resolve(), { once: true })
  })
  return HttpResponse.error()
}

/** Calls seen so far, by their X-Request-ID: the client sends the same id on every attempt of one call. */
const seenCalls = new Set<string>()

/**
 * True for the first attempt of a call, false for its retries. The "retrying" state fails the first attempt
 * only, so its retry gets through; a new render, or the Retry button, starts a new call and a new countdown.
 */
export function isFirstAttempt(request: Request): boolean {
  const id = request.headers.get('x-request-id')
  if (id === null || seenCalls.has(id)) return false
  seenCalls.add(id)
  return true
}

function retryLater(): Response {
  const response = serverErrorResponse('503')
  response.headers.set('Retry-After', String(retryAfterSeconds.retrying))
  return response
}

function rateLimited(): Response {
  const wait = String(retryAfterSeconds.rateLimited)
  return problem(
    429,
    'rate-limited',
    'Too many requests',
    `The limit is 600 requests per minute. Try again in ${wait} s.`,
    {},
    {
      'Retry-After': wait,
      'X-RateLimit-Limit': '600',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': wait,
    },
  )
}

function notFound(url: URL): Response {
  return problem(404, 'no-route', 'Not found', `Nothing lives at ${url.pathname} any more.`)
}

/** 200 with a JSON body cut off halfway, as a dropped connection behind a buffering proxy leaves it. */
export function malformed(): Promise<Response> {
  return truncateJson(Response.json({ data: getOrders().slice(0, 3) }))
}

/** 200 with well-formed JSON in a shape the app's zod schemas refuse: the API renamed its fields. */
function contractDrift(): Response {
  return Response.json({ items: [{ orderId: 'ORD-10042', total: '€12.50' }], next: null })
}

/** The response for one state, or undefined to let the demo's mock API answer. */
function respond(
  state: PreviewState,
  endpoint: Endpoint,
  request: Request,
): Response | Promise<Response> | undefined {
  const url = new URL(request.url)
  switch (state) {
    case 'loading':
    case 'timeout':
      return hang(request)
    case 'empty':
      return endpoint.empty?.()
    case 'paging':
      if (endpoint.partial) return endpoint.partial(request)
      return endpoint.isLaterPage?.(url) ? hang(request) : undefined
    case 'retrying':
      return isFirstAttempt(request) ? retryLater() : undefined
    case 'rateLimited':
      return rateLimited()
    case 'serverError':
      return serverErrorResponse('500')
    case 'notFound':
      return notFound(url)
    case 'network':
      return HttpResponse.error()
    case 'parse':
      return malformed()
    case 'validation':
      return contractDrift()
    default:
      return undefined
  }
}

/**
 * The handler of one state for one endpoint, without the mock API behind it. `prefix` scopes it to one
 * client's base URL (the gallery gives every cell its own, under `/gallery/<state>`); the default matches any origin.
 */
export function stateHandler(state: PreviewState, endpoint: Endpoint, prefix = '*'): RequestHandler {
  return http.get(`${prefix}${endpoint.path}`, ({ request }) => respond(state, endpoint, request))
}

/**
 * The network of one state for one endpoint: its handler in front of the demo's mock API.
 *
 * @example
 * parameters: { msw: { handlers: networkFor('serverError', { path: '/api/orders' }) } }
 */
export function networkFor(state: PreviewState, endpoint: Endpoint): RequestHandler[] {
  return state === 'success' ? handlers : [stateHandler(state, endpoint), ...handlers]
}

/**
 * The client settings a state needs: no timeout where the request is meant to stay pending (loading, the
 * page being fetched behind the placeholder), a short one for the timeout state.
 */
export function clientFor(state: PreviewState): StoryClientOptions | undefined {
  if (state === 'loading' || state === 'paging') return { timeout: false, totalTimeout: false }
  if (state === 'timeout') return { timeout: 1_000 }
  return undefined
}

/**
 * A story of one state: its name, its network, the client settings it needs and what the story test checks.
 *
 * @example
 * export const ServerError: Story = stateStory('serverError', ordersEndpoint)
 * export const Empty: Story = stateStory('empty', ordersEndpoint, { shows: 'No orders yet' })
 */
export function stateStory(
  state: PreviewState,
  endpoint: Endpoint,
  expect: Omit<StatePreview, 'state'> = {},
): { readonly name: string; readonly parameters: Parameters } {
  const client = clientFor(state)
  return {
    name: stateNames[state],
    parameters: {
      msw: { handlers: networkFor(state, endpoint) },
      preview: { state, ...expect },
      ...(client ? { ferry: client } : {}),
    },
  }
}
