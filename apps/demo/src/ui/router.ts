import { useMemo, useSyncExternalStore } from 'react'

/**
 * A tiny router on `history` and the query string: `?view=orders&page=2&status=paid`. Every screen reads
 * its state from the URL, so reload, back and forward work, and links can be opened in a new tab.
 */

export type RouteValue = string | number | undefined | null
export type RouteParams = Readonly<Record<string, RouteValue>>

const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

const readSearch = () => window.location.search

/** The current query string as `URLSearchParams`; re-renders on navigation and on back/forward. */
export function useSearchParams(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, readSearch, () => '')
  return useMemo(() => new URLSearchParams(search), [search])
}

/** `?a=1&b=2` from params; empty values (undefined, null, '') are left out. */
export function hrefFor(params: RouteParams): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value))
  }
  const text = query.toString()
  return text ? `?${text}` : window.location.pathname
}

/** Goes to `params` (a new history entry, or `replace` the current one) and tells every reader. */
export function navigate(
  params: RouteParams,
  { replace = false }: { readonly replace?: boolean } = {},
): void {
  const href = hrefFor(params)
  if (new URL(href, window.location.href).search === window.location.search) return
  if (replace) window.history.replaceState(null, '', href)
  else window.history.pushState(null, '', href)
  for (const listener of listeners) listener()
}
