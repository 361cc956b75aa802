import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { hrefFor, navigate, type RouteParams } from './router'

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** The route's query parameters, e.g. `{ view: 'order', id: 'ORD-10042' }`. */
  readonly to: RouteParams
}

/** A real link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ to, onClick, ...props }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0
    if (event.defaultPrevented || modified) return
    event.preventDefault()
    navigate(to)
  }
  return <a {...props} href={hrefFor(to)} onClick={handle} />
}
