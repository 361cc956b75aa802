import type { ErrorKind } from './errors.js'
import type { RetryReason } from './retry.js'

interface RequestEventBase {
  readonly requestId: string
  readonly method: string
  /** `redactQuery` values masked (a URL with userinfo is refused before sending). */
  readonly url: string
  /** 1 for the first attempt. */
  readonly attempt: number
  /** `Date.now()` when the event was emitted. */
  readonly time: number
}

/**
 * What the client reports to its `events` step (`observe(onEvent)`). Bodies are never included; headers only
 * with `observe`'s `includeHeaders` (`redactedHeaders()`: secrets masked).
 *
 * Every request that starts ends with exactly one **terminal** event: `success` (the data is about to be
 * returned), `error` (it rejects with a Ferry error) or `abort` (the caller's signal ended it, at any point:
 * fetch, body, backoff sleep, rate-limit wait). A failure of the caller's own code (a token getter, a hook,
 * a middleware, a schema that throws) ends with `error` too, with `kind: 'caller'`. `request`, `response`,
 * `retry`, `rate-limit`, `auth`, `warning` and `circuit` come before it.
 *
 * @example
 * createClient({ events: observe((e) => e.type === 'retry' && console.info(`retry ${e.attempt} in ${e.delayMs} ms`)) })
 */
export type FerryEvent =
  | (RequestEventBase & { readonly type: 'request'; readonly headers?: Record<string, string> })
  | (RequestEventBase & {
      readonly type: 'response'
      readonly status: number
      readonly durationMs: number
      readonly headers?: Record<string, string>
    })
  | (RequestEventBase & {
      readonly type: 'retry'
      readonly limit: number
      readonly delayMs: number
      readonly reason: RetryReason
      readonly status?: number
    })
  | (RequestEventBase & {
      readonly type: 'success'
      readonly status: number
      /** From the start of the call to the data, retries and validation included. */
      readonly durationMs: number
    })
  | (RequestEventBase & {
      readonly type: 'error'
      /** `'caller'` when the caller's own code threw (a hook, a middleware, a schema's bug, a token getter). */
      readonly kind: ErrorKind | 'caller'
      readonly status?: number
      readonly durationMs: number
    })
  | (RequestEventBase & {
      readonly type: 'abort'
      /** From the start of the call to the abort. */
      readonly durationMs: number
    })
  | {
      readonly type: 'circuit'
      readonly state: 'closed' | 'open' | 'half-open'
      readonly previous: string
      readonly time: number
    }
  | (Omit<RequestEventBase, 'attempt'> & {
      readonly type: 'rate-limit'
      /** How long the request waited for the limiter, in ms. */
      readonly delayMs: number
    })
  | (RequestEventBase & { readonly type: 'auth'; readonly action: 'refresh' | 'refresh-failed' })
  | (Omit<RequestEventBase, 'attempt'> & { readonly type: 'warning'; readonly message: string })

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** An event as middleware reports it (`request.emit`): the request's id, method, URL and the time are added. */
export type EventInput =
  | DistributiveOmit<Exclude<FerryEvent, { type: 'circuit' }>, 'requestId' | 'method' | 'url' | 'time'>
  | Extract<FerryEvent, { type: 'circuit' }>
