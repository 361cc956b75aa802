/**
 * A stable string for a JSON-like value: object keys sorted, `undefined` dropped, `URLSearchParams` as its
 * entries. Other objects (FormData, Blob, Map…) cannot be compared by value, so each becomes a random token:
 * two such values are only "the same" when they are the same reference (callers compare references first).
 */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) => {
    if (item instanceof URLSearchParams) return [...item]
    if (!item || typeof item !== 'object' || Array.isArray(item)) return item
    const proto = Object.getPrototypeOf(item)
    return proto === Object.prototype || proto === null
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map((key) => [key, Reflect.get(item, key)]),
        )
      : Math.random()
  })
}
