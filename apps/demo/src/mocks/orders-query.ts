import { type Order, OrderSort, OrderStatus } from '../api/schemas.js'
import type { FieldError } from './problem.js'

/**
 * Parsing and applying the query parameters of the order lists: pure functions, no HTTP.
 */
export const defaultPageSize = 20
export const maxPageSize = 100
export const defaultSort: OrderSort = '-createdAt'

export interface OrderFilter {
  readonly status: OrderStatus | undefined
  readonly q: string | undefined
}

export interface ListQuery extends OrderFilter {
  readonly page: number
  readonly pageSize: number
  readonly sort: OrderSort
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: FieldError[] }

/** A present, non-blank parameter (blank values count as absent, as forms send them). */
function param(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim()
  return value ? value : undefined
}

function integer(
  params: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
  errors: FieldError[],
): number {
  const raw = param(params, name)
  if (raw === undefined) return fallback
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value
  errors.push({
    field: name,
    message:
      max === Number.MAX_SAFE_INTEGER
        ? `${name} must be an integer ≥ ${min}, got "${raw}"`
        : `${name} must be an integer from ${min} to ${max}, got "${raw}"`,
  })
  return fallback
}

/**
 * `status` and `q`, shared by the list and the export.
 *
 * @example
 * parseFilter(new URLSearchParams('status=paid&q=müller'))
 */
export function parseFilter(params: URLSearchParams, errors: FieldError[] = []): OrderFilter {
  const rawStatus = param(params, 'status')
  const status = OrderStatus.safeParse(rawStatus)
  if (rawStatus !== undefined && !status.success) {
    errors.push({
      field: 'status',
      message: `status must be one of ${OrderStatus.options.join(', ')}, got "${rawStatus}"`,
    })
  }
  const q = param(params, 'q')
  if (q !== undefined && q.length > 100)
    errors.push({ field: 'q', message: 'q must be at most 100 characters' })
  return { status: status.success ? status.data : undefined, q }
}

/**
 * `page` (≥ 1), `pageSize` (1–100, default 20), `sort` (an OrderSort, default -createdAt), `status`, `q`.
 *
 * @example
 * parseListQuery(new URLSearchParams('page=2&pageSize=50&sort=-totalCents'))
 */
export function parseListQuery(params: URLSearchParams): Parsed<ListQuery> {
  const errors: FieldError[] = []
  const page = integer(params, 'page', 1, 1, Number.MAX_SAFE_INTEGER, errors)
  const pageSize = integer(params, 'pageSize', defaultPageSize, 1, maxPageSize, errors)
  const rawSort = param(params, 'sort')
  const sort = OrderSort.safeParse(rawSort ?? defaultSort)
  if (!sort.success) {
    errors.push({
      field: 'sort',
      message: `sort must be one of ${OrderSort.options.join(', ')}, got "${rawSort}"`,
    })
  }
  const filter = parseFilter(params, errors)
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, value: { ...filter, page, pageSize, sort: sort.success ? sort.data : defaultSort } }
}

/** Lower case without diacritics, so "muller" finds "Müller" and "jose" finds "José". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}

/**
 * The orders matching status and q (q: in the id or number, customer name or email; case and accent
 * insensitive).
 *
 * @example
 * filterOrders(orders, { status: 'paid', q: 'ord-1004' })
 */
export function filterOrders(orders: ReadonlyArray<Order>, filter: OrderFilter): Order[] {
  const q = filter.q === undefined ? undefined : fold(filter.q)
  return orders.filter(
    (order) =>
      (filter.status === undefined || order.status === filter.status) &&
      (q === undefined ||
        order.id.toLowerCase().includes(q) ||
        fold(order.customer.name).includes(q) ||
        order.customer.email.toLowerCase().includes(q)),
  )
}

/**
 * A sorted copy; ties broken by order number (descending for descending sorts) so pages never overlap.
 *
 * @example
 * sortOrders(orders, '-totalCents')
 */
export function sortOrders(orders: ReadonlyArray<Order>, sort: OrderSort): Order[] {
  const descending = sort.startsWith('-')
  const field = descending ? sort.slice(1) : sort
  const key = (order: Order): number | string =>
    field === 'totalCents' ? order.totalCents : field === 'createdAt' ? order.createdAt : order.number
  const direction = descending ? -1 : 1
  return [...orders].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    const primary = ka < kb ? -1 : ka > kb ? 1 : 0
    return (primary || a.number - b.number) * direction
  })
}
