import { useState } from 'react'
import type { OrderStatus } from '../../api/schemas'
import { EmptyState } from '../../ui/empty-state'
import { ErrorState } from '../../ui/error-state'
import { PageHeader } from '../../ui/page-header'
import { saveFile } from '../../ui/save-file'
import { StatusFilter } from '../orders/status-filter'
import { ExportProgressCard } from './export-progress'
import { useExport } from './use-export'
import '../../ui/toolbar.css'
import './export.css'

/** Exports the orders as NDJSON, streamed record by record with live progress. */
export function ExportView() {
  const { progress, start, cancel, file } = useExport()
  const [status, setStatus] = useState<OrderStatus | undefined>(undefined)
  const [q, setQ] = useState('')
  const running = progress.status === 'running'
  /** Finished without a single record: nothing matched (X-Total-Count: 0). */
  const empty = progress.status === 'done' && progress.received === 0
  const run = () => {
    start({ status, q: q.trim() }).catch(() => {})
  }
  return (
    <>
      <PageHeader
        title="Export orders"
        description="Streams every matching order as NDJSON. Records are counted as they arrive, so progress is live and memory stays flat."
      />
      <form
        className="card toolbar toolbar--card"
        aria-label="Export options"
        onSubmit={(event) => {
          event.preventDefault()
          if (!running) run()
        }}
      >
        <StatusFilter id="export-status" value={status} disabled={running} onChange={setStatus} />
        <div className="toolbar__search">
          <label className="field__label" htmlFor="export-q">
            Search
          </label>
          <input
            id="export-q"
            className="input"
            type="search"
            placeholder="Order ID, customer name or email"
            value={q}
            disabled={running}
            onChange={(event) => setQ(event.target.value)}
          />
        </div>
        <div className="toolbar__actions">
          {running ? (
            <button type="button" className="button" onClick={cancel}>
              Cancel export
            </button>
          ) : (
            <button type="submit" className="button button--primary">
              {progress.status === 'idle' ? 'Start export' : 'Export again'}
            </button>
          )}
        </div>
      </form>
      {progress.status === 'error' ? (
        <ErrorState title="The export failed" error={progress.error} onRetry={run} />
      ) : empty ? (
        <div className="export-result" role="status">
          <EmptyState title="No orders to export">No order matches these filters.</EmptyState>
        </div>
      ) : (
        progress.status !== 'idle' && (
          <ExportProgressCard
            progress={progress}
            onSave={() => saveFile(file(), `orders-${new Date().toISOString().slice(0, 10)}.ndjson`)}
          />
        )
      )}
    </>
  )
}
