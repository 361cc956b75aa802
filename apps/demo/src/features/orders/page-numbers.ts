/**
 * The page buttons to show: the first, the last, and the neighbours of the current page, with `'gap'` where
 * pages are skipped. `pageNumbers(6, 20)` → `[1, 'gap', 5, 6, 7, 'gap', 20]`.
 */
export function pageNumbers(current: number, total: number): ReadonlyArray<number | 'gap'> {
  if (total <= 7) return Array.from({ length: total }, (_, index) => index + 1)
  const near = new Set([1, total, current - 1, current, current + 1])
  if (current <= 3) for (const n of [2, 3, 4]) near.add(n)
  if (current >= total - 2) for (const n of [total - 1, total - 2, total - 3]) near.add(n)
  const pages = [...near].filter((n) => n >= 1 && n <= total).sort((a, b) => a - b)
  const out: Array<number | 'gap'> = []
  for (const n of pages) {
    const last = out[out.length - 1]
    if (typeof last === 'number' && n - last > 1) out.push('gap')
    out.push(n)
  }
  return out
}
