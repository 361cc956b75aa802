import type { ChaosSettings } from './chaos.js'
import { problem } from './problem.js'
import { pick, seededRandom } from './random.js'

/**
 * Turning chaos settings into faults for one request: which faults to inject (seeded rolls, so a run is
 * reproducible) and the responses that carry them.
 */
export type ServerErrorKind = '503' | '502-html' | '500'

export interface Faults {
  readonly network: boolean
  readonly hang: boolean
  readonly serverError: ServerErrorKind | undefined
  readonly envelopeError: boolean
  readonly malformedJson: boolean
}

const seed = 1337
let random = seededRandom(seed)

function roll(rate: number): boolean {
  return rate >= 1 || (rate > 0 && random() < rate)
}

/**
 * Rolls every rate of `settings` for one request.
 *
 * @example
 * planFaults({ ...defaultChaos, serverErrorRate: 1, serverErrorKind: '503' }).serverError // '503'
 */
export function planFaults(settings: ChaosSettings): Faults {
  const serverError = roll(settings.serverErrorRate)
    ? settings.serverErrorKind === 'mixed'
      ? pick<ServerErrorKind>(random, ['503', '503', '502-html', '500'])
      : settings.serverErrorKind
    : undefined
  return {
    network: roll(settings.networkErrorRate),
    hang: roll(settings.hangRate),
    serverError,
    envelopeError: roll(settings.envelopeErrorRate),
    malformedJson: roll(settings.malformedJsonRate),
  }
}

/** Restarts the seeded rolls. For tests (via resetData). */
export function resetFaults(): void {
  random = seededRandom(seed)
}

const badGatewayPage = `<!DOCTYPE html>
<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.27.3</center>
</body>
</html>
`

/**
 * The 5xx of `kind`: 503 problem+json with Retry-After: 2, an nginx-style HTML 502 page, or 500 problem+json.
 *
 * @example
 * serverErrorResponse('502-html').headers.get('Content-Type') // 'text/html; charset=utf-8'
 */
export function serverErrorResponse(kind: ServerErrorKind): Response {
  if (kind === '502-html') {
    return new Response(badGatewayPage, {
      status: 502,
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    })
  }
  if (kind === '503') {
    return problem(
      503,
      'unavailable',
      'Service unavailable',
      'The orders service is overloaded. Try again in a few seconds.',
      {},
      { 'Retry-After': '2' },
    )
  }
  return problem(
    500,
    'internal',
    'Internal server error',
    'Something went wrong on our side. We have been notified.',
  )
}

const envelopeErrors = [
  { code: 'UPSTREAM_TIMEOUT', message: 'The warehouse system did not answer in time.' },
  { code: 'LOCK_CONFLICT', message: 'The record is locked by another operation.' },
  { code: 'MAINTENANCE', message: 'Orders are read-only during maintenance.' },
] as const

/**
 * "200 but error": status 200 and `{ error: { code, message } }`, as some gateways and legacy APIs answer.
 *
 * @example
 * await envelopeErrorResponse().json() // { error: { code: 'UPSTREAM_TIMEOUT', message: '…' } }
 */
export function envelopeErrorResponse(): Response {
  return Response.json({ error: pick(random, envelopeErrors) }, { status: 200 })
}

/**
 * The same JSON response cut off halfway (at least one character short), as a dropped connection behind a
 * buffering proxy leaves it: status and Content-Type say all is well, the body does not parse.
 *
 * @example
 * await (await truncateJson(Response.json({ a: 1 }))).text() // '{"a"'
 */
export async function truncateJson(response: Response): Promise<Response> {
  const text = await response.text()
  const cut = text.slice(0, Math.max(1, Math.min(text.length - 1, Math.floor(text.length / 2))))
  const headers = new Headers(response.headers)
  headers.set('Content-Type', 'application/json')
  headers.delete('Content-Length')
  return new Response(cut, { status: response.status, statusText: response.statusText, headers })
}
