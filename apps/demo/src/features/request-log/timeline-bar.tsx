import type { RequestRecord } from './request-log-store'

interface Segment {
  readonly key: string
  readonly kind: 'ok' | 'fail' | 'pending' | 'wait' | 'queue'
  readonly from: number
  readonly to: number
}

function segments(record: RequestRecord, now: number): Segment[] {
  const out: Segment[] = []
  for (const attempt of record.attempts) {
    const to = attempt.durationMs === undefined ? now : attempt.startedAt + attempt.durationMs
    const kind =
      attempt.status === undefined
        ? attempt.failure
          ? 'fail'
          : 'pending'
        : attempt.status < 400 && !(record.outcome === 'failed' && attempt.attempt === record.attempts.length)
          ? 'ok'
          : 'fail'
    out.push({ key: `a${attempt.attempt}`, kind, from: attempt.startedAt, to })
  }
  for (const retry of record.retries) {
    out.push({
      key: `r${retry.attempt}`,
      kind: 'wait',
      from: retry.at,
      to: Math.min(retry.at + retry.delayMs, record.endedAt ?? now),
    })
  }
  return out
}

/** The request drawn on its own time axis: attempts as solid bars, backoff waits hatched between them. */
export function TimelineBar({ record, now }: { readonly record: RequestRecord; readonly now: number }) {
  const start = record.startedAt
  const end = Math.max(record.endedAt ?? now, start + 1)
  const span = end - start
  return (
    <div className="timeline" aria-hidden="true">
      {segments(record, now).map((segment) => {
        const left = ((segment.from - start) / span) * 100
        const width = Math.max(0.8, ((Math.max(segment.to, segment.from) - segment.from) / span) * 100)
        return (
          <span
            key={segment.key}
            className={`timeline__segment timeline__segment--${segment.kind}`}
            style={{
              left: `${Math.min(99.2, Math.max(0, left))}%`,
              width: `${Math.min(100 - left, width)}%`,
            }}
          />
        )
      })}
    </div>
  )
}
