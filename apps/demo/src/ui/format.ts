const money = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' })
const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})
const count = new Intl.NumberFormat('en-GB')
const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})

/** `€1,234.50` from integer cents. */
export const formatMoney = (cents: number) => money.format(cents / 100)

/** `24 Nov 2026`. */
export const formatDate = (iso: string) => date.format(new Date(iso))

/** `24 Nov 2026, 17:30`. */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso))

/** `2,400`. */
export const formatCount = (value: number) => count.format(value)

/** `980 B`, `12.4 kB`, `1.9 MB` (decimal units, as browsers show downloads). */
export const formatBytes = (bytes: number) =>
  bytes < 1000
    ? `${bytes} B`
    : bytes < 1_000_000
      ? `${(bytes / 1000).toFixed(1)} kB`
      : `${(bytes / 1_000_000).toFixed(1)} MB`

/** `17:30:05` for an epoch-ms time. */
export const formatClock = (time: number) => clock.format(new Date(time))

/** `850 ms`, `2.4 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** Whole seconds left until `at` (epoch ms), never negative; rounds up so "0 s" means now. */
export const secondsUntil = (at: number, now: number) => Math.max(0, Math.ceil((at - now) / 1000))

/** "1 item", "3 items". */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`
