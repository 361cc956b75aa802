import { WebhookError } from './errors.js'

/**
 * A delivered event: a JSON object with a string `id` (what duplicates are recognised by) and `type`. Other
 * fields are `unknown` until you check them (e.g. with a schema per `type`).
 */
export interface WebhookEvent {
  readonly id: string
  readonly type: string
  readonly [field: string]: unknown
}

/** Parses a verified payload into a {@link WebhookEvent}, or throws `invalid-payload` saying what is wrong. */
export function parseEvent(payload: string): WebhookEvent {
  let value: unknown
  try {
    value = JSON.parse(payload)
  } catch {
    throw new WebhookError('invalid-payload', 'The webhook body is not JSON; nothing was handled.')
  }
  if (!isEvent(value)) {
    throw new WebhookError(
      'invalid-payload',
      'The webhook body is JSON but not an event: it needs a non-empty string "id" and a string "type"; ' +
        'nothing was handled.',
    )
  }
  return value
}

function isEvent(value: unknown): value is WebhookEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return (
    'id' in value &&
    typeof value.id === 'string' &&
    value.id !== '' &&
    'type' in value &&
    typeof value.type === 'string' &&
    value.type !== ''
  )
}
