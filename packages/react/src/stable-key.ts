const ids = new WeakMap<object, number>()
let nextId = 0

/**
 * A number for an object, the same for as long as it lives, without keeping it alive: how a key says
 * "this client", "this FormData" or "this schema" without holding (or serialising) it.
 */
export function identity(value: object): number {
  let id = ids.get(value)
  if (id === undefined) {
    id = nextId++
    ids.set(value, id)
  }
  return id
}

const unkeyable = (what: string) =>
  new TypeError(`Ferry: ${what} cannot be in a request key; pass plain data`)

/** How the answer is read — `schema`, `unwrap` and the `use` middleware — by identity (functions and objects). */
export const readers = (options: {
  readonly schema?: unknown
  readonly unwrap?: unknown
  readonly use?: ReadonlyArray<unknown> | undefined
}): unknown[] =>
  [options.schema, options.unwrap, ...(options.use ?? [])].map((value) =>
    (value && typeof value === 'object') || typeof value === 'function' ? identity(value) : value,
  )

/**
 * A stable string for a JSON-like value: object keys sorted, `undefined` dropped, `URLSearchParams` as its
 * entries, a bigint as `"#<digits>n"`. Other objects (FormData, Blob, Map, a class instance…) cannot be
 * compared by value, so each becomes a token of its identity: two of them are "the same" only when they are
 * the same reference. A function, a symbol or a cycle throws a `TypeError` saying so.
 */
export function stableKey(value: unknown): string {
  try {
    return JSON.stringify(value, (_, item: unknown) => {
      if (typeof item === 'bigint') return `#${item}n`
      if (typeof item === 'function' || typeof item === 'symbol') throw unkeyable(`a ${typeof item}`)
      if (item instanceof URLSearchParams) return [...item]
      if (!item || typeof item !== 'object' || Array.isArray(item)) return item
      const proto = Object.getPrototypeOf(item)
      return proto === Object.prototype || proto === null
        ? Object.fromEntries(
            Object.keys(item)
              .sort()
              .map((key) => [key, Reflect.get(item, key)]),
          )
        : `#${identity(item)}`
    })
  } catch (error) {
    // A cycle overflows the stack (plain objects are copied, so JSON.stringify cannot see it).
    throw error instanceof RangeError ? unkeyable('a value that contains itself') : error
  }
}

/** `value` as `stableKey` sees it, as plain data (JSON-safe: what a query key may hold); `undefined` stays. */
export const plain = (value: unknown): unknown => (value === undefined ? value : JSON.parse(stableKey(value)))
