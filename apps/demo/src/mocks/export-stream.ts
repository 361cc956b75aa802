import type { Order } from '../api/schemas.js'
import { sleep } from './sleep.js'

export interface ExportStreamOptions {
  /** Records per chunk (default 50). */
  readonly chunkSize?: number
  /** Pause before each chunk after the first, in ms (0: no timers at all). */
  readonly chunkDelayMs?: number
  /** Aborts the stream (the request's signal). */
  readonly signal?: AbortSignal
}

/**
 * `orders` as an NDJSON byte stream, produced slowly chunk by chunk and pulled on demand (a cancelled reader
 * stops it). Chunk boundaries deliberately fall mid-record, and may split a UTF-8 character, as real
 * networks do: the reader must reassemble lines.
 *
 * @example
 * new Response(ndjsonStream(orders, { chunkDelayMs: 40 }), { headers: { 'Content-Type': 'application/x-ndjson' } })
 */
export function ndjsonStream(
  orders: ReadonlyArray<Order>,
  options: ExportStreamOptions = {},
): ReadableStream<Uint8Array> {
  const { chunkSize = 50, chunkDelayMs = 0, signal } = options
  const encoder = new TextEncoder()
  let next = 0
  let carry = new Uint8Array(0)
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next > 0) await sleep(chunkDelayMs, signal)
      if (signal?.aborted) {
        controller.error(signal.reason)
        return
      }
      const batch = orders.slice(next, next + chunkSize)
      next += batch.length
      const bytes = encoder.encode(batch.map((order) => `${JSON.stringify(order)}\n`).join(''))
      const joined = new Uint8Array(carry.length + bytes.length)
      joined.set(carry)
      joined.set(bytes, carry.length)
      if (next >= orders.length) {
        if (joined.length > 0) controller.enqueue(joined)
        controller.close()
        return
      }
      // Hold back the last few bytes: the next chunk starts inside a record.
      const cut = Math.max(0, joined.length - 7 - (next % 13))
      controller.enqueue(joined.slice(0, cut))
      carry = joined.slice(cut)
    },
  })
}

/**
 * The byte length of `orders` as NDJSON: the export's `Content-Length`, so that the client can report the
 * download's progress as a fraction.
 *
 * @example
 * ndjsonLength(orders) === new TextEncoder().encode(orders.map((o) => `${JSON.stringify(o)}\n`).join('')).length
 */
export function ndjsonLength(orders: ReadonlyArray<Order>): number {
  const encoder = new TextEncoder()
  let length = 0
  for (const order of orders) length += encoder.encode(JSON.stringify(order)).length + 1
  return length
}
