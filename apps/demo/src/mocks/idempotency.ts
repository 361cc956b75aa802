/**
 * The Idempotency-Key store of `POST /api/orders`: a key remembers the request body it came with and the
 * response it produced, so a replay gets the same answer and a reused key with another body is refused.
 */
export interface StoredResult {
  readonly fingerprint: string
  readonly status: number
  readonly body: string
  readonly location: string
}

const store = new Map<string, StoredResult>()
/** Keys whose first request is still being worked on, with that request's body fingerprint. */
const processing = new Map<string, string>()

/**
 * JSON with object keys sorted, so that `{a,b}` and `{b,a}` count as the same body.
 *
 * @example
 * fingerprint({ b: 1, a: [2] }) // '{"a":[2],"b":1}'
 */
export function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

export function recall(key: string): StoredResult | undefined {
  return store.get(key)
}

export function remember(key: string, result: StoredResult): void {
  store.set(key, result)
}

/** Marks `key` as being worked on (its result not yet stored): a request with it meanwhile gets a 409. */
export function startProcessing(key: string, print: string): void {
  processing.set(key, print)
}

/** The body fingerprint of the request still being worked on under `key`, if any. */
export function inProgress(key: string): string | undefined {
  return processing.get(key)
}

export function finishProcessing(key: string): void {
  processing.delete(key)
}

/** Forgets every key. For tests (via resetData). */
export function resetIdempotency(): void {
  store.clear()
  processing.clear()
}
