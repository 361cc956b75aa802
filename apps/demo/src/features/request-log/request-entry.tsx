import { formatClock, formatDuration } from '../../ui/format'
import type { RequestRecord } from './request-log-store'
import { TimelineBar } from './timeline-bar'

const reasons: Readonly<Record<string, string>> = {
  status: 'status',
  network: 'network error',
  timeout: 'timed out',
  aborted: 'abandoned',
}

function outcomeLabel(record: RequestRecord): string {
  if (record.outcome === 'pending') return 'In flight'
  if (record.outcome === 'aborted') return 'Aborted'
  if (record.outcome === 'ok') return String(record.status ?? 'OK')
  if (record.status !== undefined && record.errorKind === 'http') return String(record.status)
  return record.errorKind === 'circuit-open' ? 'Circuit open' : (record.errorKind ?? 'Failed')
}

/** One logical request: what, how it ended, its timeline, and each attempt and wait in words. */
export function RequestEntry({ record, now }: { readonly record: RequestRecord; readonly now: number }) {
  const duration = (record.endedAt ?? now) - record.startedAt
  const path = record.url.replace(/^https?:\/\/[^/]+/, '')
  return (
    <li className={`log-entry log-entry--${record.outcome}`}>
      <div className="log-entry__head">
        <span className="log-entry__method">{record.method}</span>
        <span className="log-entry__url" title={record.url}>
          {path}
        </span>
        <span className={`pill pill--${record.outcome}`}>{outcomeLabel(record)}</span>
      </div>
      <TimelineBar record={record} now={now} />
      <ol className="log-steps">
        {record.rateLimitWaitMs > 0 && (
          <li className="log-step log-step--wait">
            Queued by the rate limiter for {formatDuration(record.rateLimitWaitMs)}
          </li>
        )}
        {record.attempts.map((attempt) => {
          const retry = record.retries.find((r) => r.attempt === attempt.attempt + 1)
          // Headers in, body still arriving: the attempt has its status, the request has not ended.
          const receiving = record.outcome === 'pending' && attempt === record.attempts.at(-1)
          const result =
            attempt.status !== undefined
              ? `${attempt.status}${receiving ? ' (headers; the body is still arriving)' : ''}`
              : attempt.failure
                ? (reasons[attempt.failure] ?? attempt.failure)
                : 'waiting…'
          return (
            <li key={attempt.attempt} className="log-step">
              <span>
                Attempt {attempt.attempt}: {result}
                {attempt.durationMs === undefined ? '' : ` in ${formatDuration(attempt.durationMs)}`}
              </span>
              {retry && (
                <span className="log-step__retry">
                  {' '}
                  → retry {retry.attempt - 1} of {retry.limit} in {formatDuration(retry.delayMs)}
                </span>
              )}
            </li>
          )
        })}
        {record.attempts.length === 0 && record.outcome === 'failed' && (
          <li className="log-step">
            Not sent: {record.errorKind === 'circuit-open' ? 'the circuit is open' : record.errorKind}
          </li>
        )}
        {record.outcome === 'aborted' && (
          <li className="log-step">Aborted by the app (the screen that asked for it was left)</li>
        )}
      </ol>
      <p className="log-entry__meta">
        <time dateTime={new Date(record.startedAt).toISOString()}>{formatClock(record.startedAt)}</time>
        {' · '}
        {formatDuration(Math.max(0, duration))} total
        {record.errorKind && record.outcome === 'failed' ? ` · ${record.errorKind} error` : ''}
        {record.rateLimitRemaining === undefined
          ? ''
          : ` · ${record.rateLimitRemaining} requests left this minute`}
        {' · '}
        <span className="log-entry__id">{record.requestId.slice(0, 8)}</span>
        {record.traceId !== undefined && (
          <>
            {' · trace '}
            <span className="log-entry__id" title={record.traceId}>
              {record.traceId.slice(0, 16)}
            </span>
          </>
        )}
      </p>
    </li>
  )
}
