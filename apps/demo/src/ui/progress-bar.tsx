import type { Progress } from '@ferry/client'
import { formatBytes } from './format'
import './progress-bar.css'

/**
 * Whole percent from a client progress report (`progress()` of @ferry/client): rounded down, so 100 means the
 * download is complete; `undefined` while the total is unknown.
 *
 * @example
 * percentOf({ transferredBytes: 512, totalBytes: 1024, percent: 0.5 }) // 50
 */
export const percentOf = (report: Progress | undefined): number | undefined =>
  report?.percent === undefined ? undefined : Math.floor(report.percent * 100)

/**
 * A download in words: `'45 %, 12.4 kB of 27.1 kB'`, or `'12.4 kB received'` while the total is unknown.
 *
 * @example
 * describeDownload({ transferredBytes: 512, totalBytes: 1024, percent: 0.5 }) // '50 %, 512 B of 1.0 kB'
 */
export function describeDownload(report: Progress | undefined): string {
  const received = formatBytes(report?.transferredBytes ?? 0)
  return report?.totalBytes === undefined
    ? `${received} received`
    : `${percentOf(report)} %, ${received} of ${formatBytes(report.totalBytes)}`
}

/**
 * A progress bar: a native `<progress>` (role `progressbar`, its value exposed as `aria-valuenow` from 0 to
 * 100) named by `labelledBy`, indeterminate while `percent` is undefined; `text` (also shown beside it by the
 * caller) is its `aria-valuetext`.
 *
 * @example
 * <ProgressBar labelledBy="invoice-title" percent={percentOf(report)} text={describeDownload(report)} />
 */
export function ProgressBar({
  labelledBy,
  percent,
  text,
}: {
  readonly labelledBy: string
  readonly percent: number | undefined
  readonly text: string
}) {
  return (
    <progress
      className="progress"
      aria-labelledby={labelledBy}
      aria-valuetext={text}
      max={100}
      value={percent}
    />
  )
}
