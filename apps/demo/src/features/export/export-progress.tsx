import { formatBytes, formatCount, formatDuration, formatMoney } from '../../ui/format'
import { describeDownload, ProgressBar, percentOf } from '../../ui/progress-bar'
import { RetryNotice } from '../../ui/retry-notice'
import { useNow } from '../../ui/use-now'
import type { ExportProgress } from './use-export'

const headline: Record<ExportProgress['status'], string> = {
  idle: '',
  running: 'Exporting…',
  done: 'Export complete',
  cancelled: 'Export cancelled',
  error: 'The export failed',
}

/**
 * The live counters of an export: the bar and percentage from the client's download progress (bytes against
 * Content-Length; records against X-Total-Count when the server sends no length), records, elapsed time,
 * rate and value. The count is a status region, busy while the export runs; the client's retry countdown
 * shows until the records flow.
 */
export function ExportProgressCard({
  progress,
  onSave,
}: {
  readonly progress: ExportProgress
  readonly onSave: () => void
}) {
  const now = useNow(progress.status === 'running', 500)
  const elapsed = (progress.endedAt ?? now) - progress.startedAt
  const { received, total, bytes } = progress
  const byRecords = total ? Math.min(100, Math.floor((received / total) * 100)) : undefined
  const percent = percentOf(bytes) ?? byRecords
  const perSecond = elapsed > 0 ? Math.round((received * 1000) / elapsed) : 0
  const running = progress.status === 'running'
  return (
    <section className="card export-progress" aria-labelledby="export-progress-title">
      <div className="export-progress__head">
        <h2 id="export-progress-title" className="card__title">
          {headline[progress.status]}
        </h2>
        <p className="export-progress__count" role="status" aria-busy={running}>
          {total === undefined
            ? `${formatCount(received)} orders received`
            : `${formatCount(received)} of ${formatCount(total)} orders`}
          {percent === undefined ? '' : ` (${percent} %)`}
        </p>
      </div>
      {running && <RetryNotice retrying={progress.retrying} />}
      <ProgressBar
        labelledBy="export-progress-title"
        percent={percent}
        text={bytes ? describeDownload(bytes) : `${formatCount(received)} orders received`}
      />
      <dl className="stats">
        <div>
          <dt>Elapsed</dt>
          <dd>{formatDuration(Math.max(0, elapsed))}</dd>
        </div>
        <div>
          <dt>Downloaded</dt>
          <dd>{formatBytes(bytes?.transferredBytes ?? 0)}</dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>{formatCount(perSecond)} orders/s</dd>
        </div>
        <div>
          <dt>Value</dt>
          <dd>{formatMoney(progress.totalCents)}</dd>
        </div>
      </dl>
      {!running && received > 0 && (
        <button type="button" className="button" onClick={onSave}>
          Save {formatCount(received)} orders as NDJSON
        </button>
      )}
    </section>
  )
}
