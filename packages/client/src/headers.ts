import type { ResponseAs } from './options.js'

/** Merges header sources left to right: a later source's value replaces an earlier one's. */
export function mergeHeaders(...sources: ReadonlyArray<HeadersInit | undefined>): Headers {
  const headers = new Headers(sources[0])
  for (let i = 1; i < sources.length; i++) {
    const source = sources[i]
    if (source) {
      new Headers(source).forEach((value, name) => {
        headers.set(name, value)
      })
    }
  }
  return headers
}

const ACCEPT: Partial<Record<ResponseAs, string>> = {
  auto: 'application/json, text/plain;q=0.9, */*;q=0.8',
  json: 'application/json',
  text: 'text/*',
  formData: 'multipart/form-data, application/x-www-form-urlencoded',
}

/** The `Accept` header implied by how the body will be read. */
export function acceptFor(as: ResponseAs): string {
  return ACCEPT[as] ?? '*/*'
}

/**
 * A random UUID v4 for request ids and idempotency keys. `crypto.randomUUID` exists only in secure contexts
 * (https, localhost), so plain-http pages fall back to `getRandomValues`, which exists everywhere.
 *
 * @example
 * const key = randomId() // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
