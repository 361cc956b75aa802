import { OrderSort, OrderStatus } from '../../api/schemas'
import type { RouteParams } from '../../ui/router'

/** The orders table's state, as it lives in the URL: `?view=orders&page=2&pageSize=50&status=paid&q=ada&sort=-totalCents`. */
export interface OrdersSearch {
  readonly page: number
  readonly pageSize: number
  readonly status: OrderStatus | undefined
  readonly q: string
  readonly sort: OrderSort
}

export const pageSizes = [10, 25, 50, 100] as const
export const defaultOrdersSearch: OrdersSearch = {
  page: 1,
  pageSize: 25,
  status: undefined,
  q: '',
  sort: '-createdAt',
}

const positiveInt = (value: string | null, fallback: number) => {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : fallback
}

/** Reads the table's state from the query string; anything invalid falls back to its default. */
export function parseOrdersSearch(params: URLSearchParams): OrdersSearch {
  const size = positiveInt(params.get('pageSize'), defaultOrdersSearch.pageSize)
  const status = OrderStatus.safeParse(params.get('status'))
  const sort = OrderSort.safeParse(params.get('sort'))
  return {
    page: positiveInt(params.get('page'), 1),
    pageSize: pageSizes.find((s) => s === size) ?? defaultOrdersSearch.pageSize,
    status: status.success ? status.data : undefined,
    q: (params.get('q') ?? '').trim(),
    sort: sort.success ? sort.data : defaultOrdersSearch.sort,
  }
}

/** The route of a table state; defaults are left out so URLs stay short. */
export function ordersRoute(search: OrdersSearch): RouteParams {
  return {
    view: 'orders',
    page: search.page > 1 ? search.page : undefined,
    pageSize: search.pageSize === defaultOrdersSearch.pageSize ? undefined : search.pageSize,
    status: search.status,
    q: search.q || undefined,
    sort: search.sort === defaultOrdersSearch.sort ? undefined : search.sort,
  }
}

/** True when a filter narrows the list (the empty state then offers to clear them). */
export const isFiltered = (search: OrdersSearch) => search.status !== undefined || search.q !== ''
