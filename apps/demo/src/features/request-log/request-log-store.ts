import type { FerryEvent } from '@ferry/client'

/**
 * The request log: the client's events folded into one record per logical request (by request id), plus the
 * circuit breaker's state changes, newest first. A module-level store read with `useSyncExternalStore`.
 */

/**
 * The client's terminal event for a request its caller aborted (TanStack cancelling a query whose screen was
 * left, React's StrictMode remount, a cancelled export): emitted once, so the entry ends as "Aborted" instead
 * of staying "In flight".
 */
type AbortEvent = Extract<FerryEvent, { type: 'abort' }>

export interface AttemptRecord {
  readonly attempt: number
  readonly startedAt: number
  readonly durationMs?: number
  readonly status?: number
  /** Why the attempt failed without a response: `network`, `timeout`, `circuit-open`… */
  readonly failure?: string
}

export interface RetryRecord {
  /** The attempt the retry starts (2 for the first retry). */
  readonly attempt: number
  readonly limit: number
  readonly delayMs: number
  readonly reason: string
  readonly status?: number
  readonly at: number
}

export interface RequestRecord {
  readonly kind: 'request'
  readonly requestId: string
  readonly method: string
  readonly url: string
  readonly startedAt: number
  readonly endedAt?: number
  readonly outcome: 'pending' | 'ok' | 'failed' | 'aborted'
  readonly status?: number
  readonly errorKind?: string
  readonly attempts: ReadonlyArray<AttemptRecord>
  readonly retries: ReadonlyArray<RetryRecord>
  /** Time spent waiting for the client's rate limiter. */
  readonly rateLimitWaitMs: number
  readonly rateLimitRemaining?: string
  /** The trace id a tracing middleware sent (`traceparent` or `x-trace-id`), when the event carries headers. */
  readonly traceId?: string
}

export interface CircuitRecord {
  readonly kind: 'circuit'
  readonly id: string
  readonly state: 'closed' | 'open' | 'half-open'
  readonly previous: string
  readonly at: number
}

/** A payment webhook the mock provider delivered to the backend, and how the backend answered. */
export interface WebhookRecord {
  readonly kind: 'webhook'
  readonly id: string
  readonly orderId: string
  readonly eventId: string
  readonly eventType: string
  readonly variant: 'original' | 'duplicate' | 'late' | 'retry' | 'tampered'
  readonly status: number
  readonly outcome: 'applied' | 'stale' | 'duplicate' | 'in-progress' | 'refused' | 'failed'
  readonly detail: string
  readonly at: number
}

export type LogEntry = RequestRecord | CircuitRecord | WebhookRecord

const limit = 150
let entries: ReadonlyArray<LogEntry> = []
const listeners = new Set<() => void>()
let circuitCount = 0

const publish = (next: ReadonlyArray<LogEntry>) => {
  entries = next.length > limit ? next.slice(0, limit) : next
  for (const listener of listeners) listener()
}

function updateRequest(
  event: Exclude<FerryEvent, { type: 'circuit' }>,
  change: (r: RequestRecord) => RequestRecord,
) {
  const index = entries.findIndex((e) => e.kind === 'request' && e.requestId === event.requestId)
  const found = entries[index]
  if (found?.kind === 'request') {
    const next = [...entries]
    next[index] = change(found)
    publish(next)
    return
  }
  const fresh: RequestRecord = {
    kind: 'request',
    requestId: event.requestId,
    method: event.method,
    url: event.url,
    startedAt: event.time,
    outcome: 'pending',
    attempts: [],
    retries: [],
    rateLimitWaitMs: 0,
  }
  publish([change(fresh), ...entries])
}

/** Replaces the attempt numbered `attempt` (or adds it). */
function withAttempt(record: RequestRecord, attempt: number, patch: Partial<AttemptRecord>, at: number) {
  const others = record.attempts.filter((a) => a.attempt !== attempt)
  const current = record.attempts.find((a) => a.attempt === attempt) ?? { attempt, startedAt: at }
  return [...others, { ...current, ...patch }].sort((a, b) => a.attempt - b.attempt)
}

/** The trace id in a request's headers: a W3C `traceparent`'s trace-id field, or an `x-trace-id`. */
export function traceIdOf(headers: Readonly<Record<string, string>> | undefined): string | undefined {
  const parent = headers?.traceparent?.split('-')[1]
  return parent || headers?.['x-trace-id'] || undefined
}

/** Ends a request its caller abandoned: the running attempt and the request stop at the event's time. */
function abort(event: AbortEvent): void {
  updateRequest(event, (r) => {
    if (r.outcome !== 'pending') return r
    const running = r.attempts.find((a) => a.attempt === event.attempt)
    const attempts =
      running && running.status === undefined && running.failure === undefined
        ? withAttempt(
            r,
            running.attempt,
            { failure: 'aborted', durationMs: event.time - running.startedAt },
            event.time,
          )
        : r.attempts
    return { ...r, attempts, outcome: 'aborted', errorKind: 'aborted', endedAt: event.time }
  })
}

/** Folds one client event into the log. Subscribe it to the API's events (`connectApiEvents`). */
export function recordEvent(event: FerryEvent): void {
  switch (event.type) {
    case 'circuit':
      circuitCount += 1
      publish([
        {
          kind: 'circuit',
          id: `circuit-${circuitCount}`,
          state: event.state,
          previous: event.previous,
          at: event.time,
        },
        ...entries,
      ])
      return
    case 'request': {
      const traceId = traceIdOf(event.headers)
      updateRequest(event, (r) => ({
        ...r,
        ...(traceId === undefined ? {} : { traceId }),
        attempts: withAttempt(r, event.attempt, {}, event.time),
      }))
      return
    }
    case 'abort':
      abort(event)
      return
    case 'response': {
      const remaining = event.headers?.['x-ratelimit-remaining']
      // Only the headers arrived: the body may still be on its way (a slow export), so the request stays in
      // flight until its terminal event (success, error or abort).
      updateRequest(event, (r) => ({
        ...r,
        status: event.status,
        ...(remaining === undefined ? {} : { rateLimitRemaining: remaining }),
        attempts: withAttempt(
          r,
          event.attempt,
          { status: event.status, durationMs: event.durationMs },
          event.time,
        ),
      }))
      return
    }
    case 'retry':
      updateRequest(event, (r) => {
        const failed = r.attempts.find((a) => a.attempt === event.attempt - 1)
        const attempts =
          failed && failed.status === undefined
            ? withAttempt(
                r,
                failed.attempt,
                { failure: event.reason, durationMs: event.time - failed.startedAt },
                event.time,
              )
            : r.attempts
        const retry: RetryRecord = {
          attempt: event.attempt,
          limit: event.limit,
          delayMs: event.delayMs,
          reason: event.reason,
          at: event.time,
          ...(event.status === undefined ? {} : { status: event.status }),
        }
        return { ...r, attempts, retries: [...r.retries, retry] }
      })
      return
    case 'error':
      updateRequest(event, (r) => {
        const last = r.attempts.find((a) => a.attempt === event.attempt)
        const attempts =
          last?.status === undefined
            ? withAttempt(
                r,
                event.attempt,
                { failure: event.kind, durationMs: event.time - (last?.startedAt ?? event.time) },
                event.time,
              )
            : r.attempts
        return {
          ...r,
          attempts,
          outcome: 'failed',
          errorKind: event.kind,
          endedAt: event.time,
          ...(event.status === undefined ? {} : { status: event.status }),
        }
      })
      return
    case 'success':
      // The terminal event: the body was read and validated, so the request ends here, not at its headers.
      updateRequest(event, (r) => ({ ...r, status: event.status, outcome: 'ok', endedAt: event.time }))
      return
    case 'rate-limit':
      updateRequest(event, (r) => ({ ...r, rateLimitWaitMs: r.rateLimitWaitMs + event.delayMs }))
      return
    default:
      return
  }
}

/** Adds a webhook delivery to the log (main.tsx subscribes it to the mock provider's deliveries). */
export function recordWebhook(delivery: Omit<WebhookRecord, 'kind'>): void {
  publish([{ kind: 'webhook', ...delivery }, ...entries])
}

export const getLog = () => entries

export function subscribeLog(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Empties the log (the "Clear" button, and between tests). */
export function clearLog(): void {
  publish([])
}
