import type { Middleware } from './middleware.js'
import { watchBody, withBody } from './watched-body.js'

/**
 * How far a body has got. `percent` is a fraction from 0 to 1 (as in ky), `undefined` while the total is
 * unknown; the last report of a complete body always has `percent: 1` and `totalBytes === transferredBytes`.
 */
export interface Progress {
  readonly transferredBytes: number
  /** From `Content-Length` when it counts the bytes read (no `Content-Encoding`); else `undefined`. */
  readonly totalBytes: number | undefined
  readonly percent: number | undefined
}

/** Called with the progress so far and the chunk just counted (empty for the first and the last report). */
export type ProgressCallback = (progress: Progress, chunk: Uint8Array) => void

export interface ProgressOptions {
  /**
   * The response body of a successful (2xx) answer, as it is read. An answer without a body to read (204,
   * 205, 304, HEAD, `Content-Length: 0`) gets one report at once: 0 of 0 bytes, `percent: 1`. An error
   * status gets none (the call rejects).
   */
  readonly onDownloadProgress?: ProgressCallback
  /** A `ReadableStream` request body, as `fetch` pulls it (other bodies are not reported). */
  readonly onUploadProgress?: ProgressCallback
}

const EMPTY = new Uint8Array(0)

/** Calls `report`; a progress callback's bug must not break the request (like an `observe` callback's). */
function notify(
  report: ProgressCallback,
  transferredBytes: number,
  total: number | undefined,
  chunk: Uint8Array,
) {
  try {
    const percent = total === undefined ? undefined : total ? Math.min(1, transferredBytes / total) : 1
    report({ transferredBytes, totalBytes: total, percent }, chunk)
  } catch {
    // Ignored on purpose.
  }
}

/**
 * Counts the bytes of `source` as they are pulled: a first report at 0, one per chunk, and a final one when
 * the source ends. An error of the source errors the copy with the same reason; cancelling the copy (an
 * abort, a timeout, a consumer leaving a loop) cancels the source.
 */
function counting(
  source: ReadableStream<Uint8Array>,
  totalBytes: number | undefined,
  report: ProgressCallback,
): ReadableStream<Uint8Array> {
  let transferred = 0
  notify(report, 0, totalBytes, EMPTY)
  return watchBody(source, {
    chunk(value) {
      transferred += value.byteLength
      notify(report, transferred, totalBytes, value)
    },
    // A complete body: its size is now known, whatever the headers said.
    end: () => notify(report, transferred, transferred, EMPTY),
  })
}

/** The body's size from Content-Length, when it counts the decoded bytes the reader sees. */
function declaredLength(headers: Headers): number | undefined {
  const length = headers.get('content-length')
  const encoding = headers.get('content-encoding')
  if (length === null || (encoding && encoding.toLowerCase() !== 'identity')) return undefined
  const bytes = Number(length)
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : undefined
}

/**
 * Reports the progress of a download (the body of a 2xx response, as the client reads it) and of an upload
 * (a `ReadableStream` body, as `fetch` pulls it). Use it per request (`use: [progress(…)]`) or on a client.
 * Timeouts, aborts and retries behave as without it: an abort or a timeout cancels the download, a read error
 * rejects as it would, and a retried attempt reports again from 0.
 *
 * @example
 * const invoice = await api.get('/orders/7/invoice', {
 *   as: 'blob',
 *   use: [progress({ onDownloadProgress: ({ percent }) => setBar(percent) })],
 * })
 */
export function progress(options: ProgressOptions): Middleware {
  const { onDownloadProgress: onDownload, onUploadProgress: onUpload } = options
  return async (request, next) => {
    const body = request.init.body
    if (onUpload && body instanceof ReadableStream) {
      const sent = counting(body, declaredLength(request.headers), onUpload)
      request = { ...request, init: { ...request.init, body: sent } }
    }
    const response = await next(request)
    const { status } = response
    if (!onDownload || (!response.ok && status !== 304)) return response
    const source = response.body
    const total = declaredLength(response.headers)
    // No body to read (204, 205, 304, HEAD, Content-Length: 0: the client reads none): done at once, so
    // that a progress bar waiting for 100 % does not wait forever.
    if (
      !source ||
      total === 0 ||
      status === 204 ||
      status === 205 ||
      status === 304 ||
      request.method === 'HEAD'
    ) {
      notify(onDownload, 0, 0, EMPTY)
      return response
    }
    return withBody(response, counting(source, total, onDownload))
  }
}
