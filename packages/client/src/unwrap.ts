import { ApiError, isFerryError, type RequestDescriptor } from './errors.js'

/** What `envelope()` wraps: returns the data inside an envelope, or throws when the body says it failed. */
export type Unwrap = (body: unknown, response: Response) => unknown

/** The `unwrap` option: a step made by `envelope()`, applied to each successful body before the schema. */
export interface Envelope {
  (body: unknown, response: Response, request: RequestDescriptor): Promise<unknown>
  readonly step: 'envelope'
}

/**
 * The `unwrap` step for "200 but the body says error" APIs: what `unwrap` returns is the data; a Ferry error
 * it throws goes on as it is, and anything else it throws becomes an `ApiError` (its `message`, and its
 * `code` when it has one), never retried. Its own module, so a client without an envelope does not carry it.
 *
 * @example
 * const api = createClient({
 *   baseUrl: '/api',
 *   unwrap: envelope((body) => {
 *     if (isFailure(body)) throw Object.assign(new Error(body.error.message), { code: body.error.code })
 *     return body
 *   }),
 * })
 */
export function envelope(unwrap: Unwrap): Envelope {
  const step = async (data: unknown, response: Response, request: RequestDescriptor) => {
    try {
      return await unwrap(data, response)
    } catch (thrown) {
      if (isFerryError(thrown)) throw thrown
      const code = typeof thrown === 'object' && thrown !== null && 'code' in thrown ? thrown.code : undefined
      throw new ApiError({
        request,
        message: thrown instanceof Error ? thrown.message : String(thrown),
        body: data,
        cause: thrown,
        ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      })
    }
  }
  return Object.assign(step, { step: 'envelope' as const })
}
