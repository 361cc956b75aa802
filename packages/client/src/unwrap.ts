import { ApiError, isFerryError, type RequestDescriptor } from './errors.js'

/** The `unwrap` option: returns the data inside an envelope, or throws when the body says it failed. */
export type Unwrap = (body: unknown, response: Response) => unknown

/**
 * Applies `unwrap` to a body: what it returns is the data; a Ferry error it throws goes on as it is, and
 * anything else it throws becomes an `ApiError` (its `message`, and its `code` when it has one).
 *
 * @example
 * await applyUnwrap((body) => body.data, { data: [1] }, response, request) // [1]
 */
export async function applyUnwrap(
  unwrap: Unwrap,
  data: unknown,
  response: Response,
  request: RequestDescriptor,
): Promise<unknown> {
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
