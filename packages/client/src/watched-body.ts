/** What `watchBody` tells as a body is read. Each is called at most once, except `chunk`. */
export interface BodyWatch {
  /** A chunk was read (and handed on). */
  readonly chunk?: (chunk: Uint8Array) => void
  /** The body was read to its end. */
  readonly end?: () => void
  /** Reading the source failed (a dropped connection, an aborted fetch); the copy errors with `reason`. */
  readonly error?: (reason: unknown) => void
  /** The reader gave up (a break, an abort of a body handed out, a cancelled read); the source is cancelled. */
  readonly cancel?: (reason: unknown) => void
}

/**
 * A copy of `source` that reports what happens to it as it is read: pulled only as fast as its reader asks
 * (`highWaterMark: 0`, so an upload counts what fetch has taken, not a chunk ahead), erroring with the
 * source's reason, and cancelling the source when cancelled.
 *
 * @example
 * const counted = watchBody(response.body, { chunk: (bytes) => (total += bytes.length) })
 */
export function watchBody(source: ReadableStream<Uint8Array>, watch: BodyWatch): ReadableStream<Uint8Array> {
  const reader = source.getReader()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let result: ReadableStreamReadResult<Uint8Array>
        try {
          result = await reader.read()
        } catch (reason) {
          watch.error?.(reason)
          throw reason
        }
        if (result.done) {
          controller.close()
          watch.end?.()
        } else {
          controller.enqueue(result.value)
          watch.chunk?.(result.value)
        }
      },
      cancel(reason) {
        watch.cancel?.(reason)
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * `response` with another body: the same status, status text and headers, and the `url` and `redirected` that
 * the constructor cannot set (paginate resolves a `Link` header against `url`).
 *
 * @example
 * return withBody(response, watchBody(response.body, { end: done }))
 */
export function withBody(response: Response, body: ReadableStream<Uint8Array>): Response {
  // A Response is a valid ResponseInit.
  const copy = new Response(body, response)
  return Object.defineProperties(copy, {
    url: { value: response.url },
    redirected: { value: response.redirected },
  })
}
