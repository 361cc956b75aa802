'use client'
import type { FerryError } from '@ferry/client'
import { type ReactElement, type ReactNode, useEffect, useState } from 'react'
import { describeError } from './describe-error.js'
import type { Retrying, ViewState } from './view-state.js'

/** A slot: content, or a function of what the state holds. */
type Slot<A extends unknown[]> = ReactNode | ((...args: A) => ReactNode)

/** Props of `<QueryState>`: a state, its success renderer, and optional replacements for the other slots. */
export interface QueryStateProps<T, E = FerryError> {
  readonly state: ViewState<T, E>
  /** Renders the data (`success`); also gets the state, for `isPlaceholder` and `isFetching`. */
  readonly children: (data: T, state: ViewState<T, E>) => ReactNode
  /** Replaces the loading indicator; a function receives the retry progress. */
  readonly loading?: Slot<[retrying: Retrying | null]>
  /** Replaces the error message and its Retry button. */
  readonly error?: Slot<[error: E, retry: () => void]>
  /** Replaces the empty message; a function receives the (empty) data. */
  readonly empty?: Slot<[data: T]>
  /**
   * Shown above the data (or the empty message) when refreshing it failed: the data stays. Default: a short
   * alert with a Retry button; `false` shows nothing.
   */
  readonly refreshError?: Slot<[error: E, retry: () => void]>
  /** Rendered while the request waits (`idle`). Default nothing. */
  readonly idle?: ReactNode
}

/** "Retrying in 3 s (2 of 3)…", counting down once a second. */
function Countdown({ at, attempt, limit }: Retrying): ReactElement {
  const [, rerender] = useState({})
  useEffect(() => {
    const timer = setInterval(() => rerender({}), 1000)
    return () => clearInterval(timer)
  }, [])
  return (
    <>{`Retrying in ${Math.max(0, Math.ceil((at - Date.now()) / 1000))} s (${attempt} of ${limit + 1})…`}</>
  )
}

/** A slot's content: the slot's own (called with `args` when a function), else the default, built only then. */
function fill<A extends unknown[]>(slot: Slot<A> | undefined, args: A, fallback: () => ReactNode): ReactNode {
  return typeof slot === 'function' ? slot(...args) : (slot ?? fallback())
}

/** The default error and refresh-error content: what went wrong, in words, and a Retry button. */
function Failure({ text, retry }: { readonly text: string; readonly retry: () => void }): ReactElement {
  return (
    <div role="alert">
      <p>{text}</p>
      <button type="button" onClick={retry}>
        Retry
      </button>
    </div>
  )
}

/**
 * Renders exactly one of the five states, with accessible defaults: loading is a `role="status"` region with
 * `aria-busy` (counting down the client's retries), error a `role="alert"` with `describeError`'s message and
 * a Retry button, empty a message. Data kept after a failed refresh comes with an alert above it. Every slot
 * is replaceable (`false` renders nothing).
 *
 * @example
 * <QueryState state={orders} empty={<p>No orders yet.</p>}>{(page) => <OrderTable rows={page.data} />}</QueryState>
 */
export function QueryState<T, E = FerryError>({
  state,
  children,
  loading,
  error,
  empty,
  idle,
  refreshError,
}: QueryStateProps<T, E>): ReactElement {
  const retry = () => state.refetch()
  // The data's content, below what says its refresh failed when it did. Always the same shape, so that the
  // content keeps its place (and its state: focus, scroll, a half-typed form) when a notice comes or goes.
  const withRefresh = (content: ReactNode, failed: E | null) => (
    <>
      {failed !== null &&
        fill(refreshError, [failed, retry], () => (
          <Failure
            text={`Refreshing failed; this may be out of date. ${describeError(failed)}`}
            retry={retry}
          />
        ))}
      {content}
    </>
  )
  // A default is built only when its slot is not given: `retrying` (reading it subscribes) is read only when shown.
  const content = (): ReactNode => {
    switch (state.status) {
      case 'idle':
        return idle
      case 'loading':
        return fill(loading, [state.retrying], () => (
          <div role="status" aria-busy="true">
            {state.retrying ? <Countdown {...state.retrying} /> : 'Loading…'}
          </div>
        ))
      case 'error':
        return fill(error, [state.error, retry], () => (
          <Failure text={describeError(state.error)} retry={retry} />
        ))
      case 'empty':
        return withRefresh(
          fill(empty, [state.data], () => <p>Nothing here yet.</p>),
          state.refreshError,
        )
      default:
        return withRefresh(children(state.data, state), state.refreshError)
    }
  }
  // A fragment, so that the return type is an element whatever a slot gives (React 18's types need one).
  return <>{content()}</>
}
