import { useState, useSyncExternalStore } from 'react'
import { EmptyState } from '../../ui/empty-state'
import { formatClock, plural } from '../../ui/format'
import { PageHeader } from '../../ui/page-header'
import { useNow } from '../../ui/use-now'
import { WebhookLogEntry } from '../payments/webhook-log-entry'
import { RequestEntry } from './request-entry'
import { clearLog, getLog, type LogEntry, subscribeLog } from './request-log-store'
import '../../ui/toolbar.css'
import './request-log.css'

const circuitText = {
  open: 'Circuit opened: requests fail fast without touching the network',
  'half-open': 'Circuit half-open: one probe request may test the server',
  closed: 'Circuit closed: requests flow again',
} as const

const interesting = (entry: LogEntry) =>
  entry.kind === 'circuit' ||
  (entry.kind === 'webhook'
    ? entry.outcome === 'refused' || entry.outcome === 'failed'
    : entry.retries.length > 0 || entry.outcome === 'failed')

/** The client's events as a timeline, newest first: every attempt, retry wait, status and circuit change. */
export function RequestLogView() {
  const log = useSyncExternalStore(subscribeLog, getLog, getLog)
  const [onlyTrouble, setOnlyTrouble] = useState(false)
  const now = useNow(
    log.some((e) => e.kind === 'request' && e.outcome === 'pending'),
    250,
  )
  const shown = onlyTrouble ? log.filter(interesting) : log
  const requests = log.filter((e) => e.kind === 'request')
  const retried = requests.filter((e) => e.kind === 'request' && e.retries.length > 0).length
  const failed = requests.filter((e) => e.kind === 'request' && e.outcome === 'failed').length
  return (
    <>
      <PageHeader
        title="Request log"
        description={`${plural(requests.length, 'request')}, ${retried} retried, ${failed} failed — from the client's events (observe).`}
        actions={
          <button type="button" className="button" onClick={clearLog} disabled={log.length === 0}>
            Clear log
          </button>
        }
      />
      <div className="log-toolbar">
        <label className="switch switch--inline">
          <input
            type="checkbox"
            checked={onlyTrouble}
            onChange={(event) => setOnlyTrouble(event.target.checked)}
          />
          <span className="switch__label">Only retried and failed requests</span>
        </label>
        <ul className="legend" aria-label="Legend">
          <li>
            <span className="legend__swatch timeline__segment--ok" /> attempt succeeded
          </li>
          <li>
            <span className="legend__swatch timeline__segment--fail" /> attempt failed
          </li>
          <li>
            <span className="legend__swatch timeline__segment--wait" /> waiting to retry
          </li>
        </ul>
      </div>
      {shown.length === 0 ? (
        <EmptyState title={log.length === 0 ? 'No requests yet' : 'No retried or failed requests'}>
          {log.length === 0
            ? 'Use the other screens; every request the client makes appears here with its attempts.'
            : 'Turn up the chaos to see the client retry.'}
        </EmptyState>
      ) : (
        <ol className="log" aria-label="Requests">
          {shown.map((entry) =>
            entry.kind === 'circuit' ? (
              <li key={entry.id} className={`log-circuit log-circuit--${entry.state}`}>
                <span className="log-circuit__dot" aria-hidden="true" />
                {circuitText[entry.state]}
                <time className="log-circuit__time" dateTime={new Date(entry.at).toISOString()}>
                  {formatClock(entry.at)}
                </time>
              </li>
            ) : entry.kind === 'webhook' ? (
              <WebhookLogEntry key={entry.id} record={entry} />
            ) : (
              <RequestEntry key={entry.requestId} record={entry} now={now} />
            ),
          )}
        </ol>
      )}
    </>
  )
}
