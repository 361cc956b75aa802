import type { RouteParams } from '../../ui/router'

let last: RouteParams = { view: 'orders' }

/** The orders table's last route, so "Back to orders" returns to the same page and filters. */
export const lastOrdersRoute = () => last

export function rememberOrdersRoute(route: RouteParams): void {
  last = route
}
