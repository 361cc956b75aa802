import {
  progress as downloadProgress,
  isAbortError,
  type Middleware,
  type Progress,
  stream,
} from '@ferry/client'
import { type Retrying, useFerryClient } from '@ferry/react'
import { useEffect, useRef, useState } from 'react'
import { Order, type OrderStatus } from '../../api/schemas'

export interface ExportProgress {
  readonly status: 'idle' | 'running' | 'done' | 'cancelled' | 'error'
  /** Records received and validated so far. */
  readonly received: number
  /** From the response's `X-Total-Count`, once the headers arrived. */
  readonly total: number | undefined
  /** The client's download progress of the body: bytes received against Content-Length. */
  readonly bytes: Progress | undefined
  readonly totalCents: number
  readonly startedAt: number
  readonly endedAt: number | undefined
  readonly error: unknown
  /** The client's next attempt while the export request is retried (a 503, a 429); null once data flows. */
  readonly retrying: Retrying | null
}

const idle: ExportProgress = {
  status: 'idle',
  received: 0,
  total: undefined,
  bytes: undefined,
  totalCents: 0,
  startedAt: 0,
  endedAt: undefined,
  error: undefined,
  retrying: null,
}

const paintEveryMs = 100

/**
 * Calls `found` with a 200 response's `X-Total-Count`, when it is a number: a step in the export request's
 * `use`, so the export goes through the app's client itself and its events still reach whoever observes that
 * client (the request log).
 */
function totalCount(found: (total: number) => void): Middleware {
  return async (request, next) => {
    const response = await next(request)
    const header = response.status === 200 ? response.headers.get('x-total-count') : null
    if (header !== null && header !== '' && Number.isFinite(Number(header))) found(Number(header))
    return response
  }
}

/**
 * Streams `GET /orders/export` (NDJSON) record by record with `stream`, validating each with the Order
 * schema. Progress: the bytes received, from the client's `progress()` step (against Content-Length), and the
 * records against `X-Total-Count` (read by the `totalCount` step above).
 */
export function useExport() {
  const api = useFerryClient()
  const [progress, setProgress] = useState<ExportProgress>(idle)
  const controller = useRef<AbortController | null>(null)
  const records = useRef<Order[]>([])
  useEffect(() => () => controller.current?.abort(), [])

  const start = async (filters: { readonly status: OrderStatus | undefined; readonly q: string }) => {
    controller.current?.abort()
    const current = new AbortController()
    controller.current = current
    records.current = []
    let state: ExportProgress = { ...idle, status: 'running', startedAt: Date.now() }
    let painted = 0
    let trailing: ReturnType<typeof setTimeout> | undefined
    // At most one paint per `paintEveryMs`, and a trailing one: when the stream stalls, the count on screen is
    // the count received, not the one of the last paint.
    const paint = (force = false) => {
      const wait = painted + paintEveryMs - Date.now()
      if (!force && wait > 0) {
        trailing ??= setTimeout(() => paint(true), wait)
        return
      }
      clearTimeout(trailing)
      trailing = undefined
      painted = Date.now()
      if (controller.current === current) setProgress(state)
    }
    paint(true)
    try {
      const query = { status: filters.status, q: filters.q || undefined }
      for await (const order of stream(api, '/orders/export', {
        query,
        schema: Order,
        signal: current.signal,
        use: [
          totalCount((total) => {
            state = { ...state, total, retrying: null }
            paint(true)
          }),
          downloadProgress({
            onDownloadProgress: (bytes) => {
              state = { ...state, bytes }
              paint(bytes.percent === 1)
            },
          }),
        ],
        onRetry: ({ attempt, limit, delayMs }) => {
          state = { ...state, retrying: { attempt, limit, delayMs, at: Date.now() + delayMs } }
          paint(true)
        },
      })) {
        records.current.push(order)
        state = {
          ...state,
          received: state.received + 1,
          totalCents: state.totalCents + order.totalCents,
          retrying: null,
        }
        paint()
      }
      state = { ...state, status: 'done', endedAt: Date.now(), retrying: null }
    } catch (error) {
      const status = isAbortError(error) ? 'cancelled' : 'error'
      state = { ...state, status, error, endedAt: Date.now(), retrying: null }
    }
    paint(true)
  }

  const cancel = () => controller.current?.abort()

  /** The received records as an NDJSON file. */
  const file = () =>
    new Blob(
      records.current.map((order) => `${JSON.stringify(order)}\n`),
      { type: 'application/x-ndjson' },
    )

  return { progress, start, cancel, file }
}
