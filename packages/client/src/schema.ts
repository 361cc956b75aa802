import { type RequestDescriptor, ValidationError } from './errors.js'
import type { StandardSchemaV1 } from './standard-schema.js'

/**
 * Runs a Standard Schema and returns its output, or throws a `ValidationError` with the issues.
 *
 * @example
 * const order = await validate(Order, body, { method: 'GET', url: '/orders/1', requestId })
 */
export async function validate(
  schema: StandardSchemaV1,
  value: unknown,
  request: RequestDescriptor,
): Promise<unknown> {
  const result = await schema['~standard'].validate(value)
  if (result.issues) throw new ValidationError({ request, issues: result.issues, value })
  return result.value
}
