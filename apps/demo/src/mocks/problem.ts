/**
 * RFC 9457 problem details responses, the way the mock API reports every client or server error.
 */
export interface FieldError {
  /** The field or query parameter, as a dotted path (`items.0.quantity`, `pageSize`). */
  readonly field: string
  readonly message: string
}

export const problemType = 'https://demo.ferry.dev/problems/'

/**
 * A problem+json response.
 *
 * @example
 * return problem(404, 'not-found', 'Order not found', 'There is no order ORD-1.')
 */
export function problem(
  status: number,
  slug: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
  headers: HeadersInit = {},
): Response {
  const body = { type: `${problemType}${slug}`, title, status, detail, ...extensions }
  const responseHeaders = new Headers(headers)
  responseHeaders.set('Content-Type', 'application/problem+json')
  return new Response(JSON.stringify(body), { status, headers: responseHeaders })
}

/** 422 (or 400 for query parameters) with an `errors` list, one entry per invalid field. */
export function validationProblem(
  status: 400 | 422,
  detail: string,
  errors: ReadonlyArray<FieldError>,
): Response {
  return problem(
    status,
    status === 400 ? 'invalid-parameters' : 'validation-failed',
    status === 400 ? 'Invalid query parameters' : 'Validation failed',
    detail,
    { errors },
  )
}
