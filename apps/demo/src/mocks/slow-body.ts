import { sleep } from './sleep.js'

/**
 * `bytes` as a stream of `parts` chunks with `delayMs` before each chunk after the first: a file the server
 * takes a moment to send, so that the client's download progress moves. Aborting `signal` errors it.
 *
 * @example
 * new Response(slowBody(invoicePdf(order), { parts: 8, delayMs: 80 }), { headers: { 'Content-Length': '…' } })
 */
export function slowBody(
  bytes: Uint8Array<ArrayBuffer>,
  options: { readonly parts: number; readonly delayMs: number; readonly signal?: AbortSignal },
): ReadableStream<Uint8Array<ArrayBuffer>> {
  const size = Math.max(1, Math.ceil(bytes.length / options.parts))
  let at = 0
  return new ReadableStream({
    async pull(controller) {
      if (at > 0) await sleep(options.delayMs, options.signal)
      if (options.signal?.aborted) {
        controller.error(options.signal.reason)
        return
      }
      controller.enqueue(bytes.slice(at, at + size))
      at += size
      if (at >= bytes.length) controller.close()
    },
  })
}
