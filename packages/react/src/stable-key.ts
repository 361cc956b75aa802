const isPlain = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A stable string for a JSON-like value: object keys sorted, `undefined` dropped, `URLSearchParams` as its
 * entries. Other objects (FormData, Blob, Map…) cannot be compared by value, so each becomes a random token:
 * two such values are only "the same" when they are the same reference (callers compare references first).
 */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) => {
    if (isPlain(item)) {
      const sorted: Record<string, unknown> = {}
      for (const key of Object.keys(item).sort()) sorted[key] = item[key]
      return sorted
    }
    if (item instanceof URLSearchParams) return [...item]
    return item && typeof item === 'object' && !Array.isArray(item) ? Math.random() : item
  })
}
