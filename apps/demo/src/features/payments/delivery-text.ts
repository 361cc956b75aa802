import type { Delivery } from './payment-api'

/** How each delivery ended, in words; the tone picks the pill's colour (the word always says it too). */
export const outcomeLabels: Readonly<
  Record<Delivery['outcome'], { readonly text: string; readonly tone: string }>
> = {
  applied: { text: 'Accepted', tone: 'ok' },
  stale: { text: 'Accepted, no change', tone: 'muted' },
  duplicate: { text: 'Ignored: duplicate', tone: 'muted' },
  'in-progress': { text: 'Deferred: in progress', tone: 'pending' },
  refused: { text: 'Refused', tone: 'failed' },
  failed: { text: 'Failed', tone: 'failed' },
}

/** What kind of copy a delivery was, when not the plain first delivery. */
export const variantLabels: Readonly<Record<Delivery['variant'], string | undefined>> = {
  original: undefined,
  duplicate: 'second copy',
  late: 'late: signed 10 min ago',
  retry: 'redelivery, fresh signature',
  tampered: 'tampered copy',
}
