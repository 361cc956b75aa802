import type { Client } from './client-types.js'
import { ParseError, type RequestDescriptor, TimeoutError } from './errors.js'
import { EXECUTE } from './execute.js'
import type { HttpMethod, Item, RequestOptions } from './options.js'
import { validate } from './schema.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { startTimer, timerValue } from './timers.js'

/** Options of `stream`: a request whose body is read as NDJSON, one record at a time. */
export interface StreamOptions<S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'response'>, 'as'> {
  /** Default GET. */
  readonly method?: HttpMethod | (string & {})
}

/**
 * Reads an NDJSON body record by record through `api`, with flat memory: retries, auth, breaker and limiter
 * apply until the headers arrive. Breaking out of the loop cancels the download. After the headers,
 * `timeout` is the longest silence allowed between chunks (a `TimeoutError` beyond it); `totalTimeout`
 * still bounds the whole call. A failure after the headers reports every attempt made (`attempts`).
 *
 * @example
 * for await (const order of stream(api, '/orders/export', { schema: Order })) rows.push(order)
 */
export function stream<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
  api: Client,
  path: string,
  options?: StreamOptions<S>,
): AsyncGenerator<Item<T, S>, void, undefined>
export async function* stream(
  api: Client,
  path: string,
  options: StreamOptions<StandardSchemaV1 | undefined> = {},
): AsyncGenerator<unknown, void, undefined> {
  const done = await api[EXECUTE](options.method ?? 'GET', path, { ...options, schema: undefined }, 'stream')
  const { schema, timeout = api.options.timeout ?? 10_000 } = options
  const check = schema ? (value: unknown) => validate(schema, value, done.request) : undefined
  let failed = false
  try {
    // After the headers, `timeout` is the longest silence between chunks: an export may run for minutes.
    const parse = options.parseJson ?? api.options.parseJson
    yield* readNdjson(done.response, done.request, check, timerValue('timeout', timeout), done.race, parse)
  } catch (thrown) {
    failed = true
    throw await done.end(thrown)
  } finally {
    // A complete read, or the consumer leaving the loop early: both end the call successfully.
    if (!failed) done.end()
  }
}

/** One non-blank line of text and its 1-based line number (blank lines are counted but not returned). */
export interface Line {
  readonly line: string
  readonly number: number
}

/**
 * Splits decoded text chunks into lines. A line may span any number of chunks; `\n` and `\r\n` both end
 * a line; whitespace-only lines are skipped but counted, so numbers match the document. Call `push` with
 * each chunk, then `push('', true)` once at the end for a last line without a newline.
 *
 * @example
 * const split = createLineSplitter()
 * split.push('{"a":1}\n{"a"') // [{ line: '{"a":1}', number: 1 }]
 * split.push(':2}', true) // [{ line: '{"a":2}', number: 2 }]
 */
export function createLineSplitter(): { push(chunk: string, end?: boolean): Line[] } {
  let rest = ''
  let number = 0
  return {
    push(chunk, end) {
      // Splitting only the new chunk keeps a long line arriving in many small chunks linear.
      const parts = chunk.split('\n')
      parts[0] = rest + parts[0]
      rest = end ? '' : (parts.pop() ?? '')
      const lines: Line[] = []
      for (const part of parts) {
        number++
        const line = part.endsWith('\r') ? part.slice(0, -1) : part
        if (line.trim()) lines.push({ line, number })
      }
      return lines
    },
  }
}

/**
 * Reads NDJSON records from a response body as they arrive, with flat memory whatever the size. A line
 * that is not JSON (for `parse`, default `JSON.parse`) throws a `ParseError` with its `line` number;
 * `validate` maps (or rejects) each record.
 * With `idleMs`, a body that sends nothing for that long throws a `TimeoutError` (scope `'attempt'`): a
 * long stream that keeps sending is never cut off. `bound` races each read (the call's abort and
 * `totalTimeout`, whatever the body does). Leaving the loop early, or an error, cancels the body; a read error
 * (an abort) propagates unchanged.
 *
 * @example
 * for await (const row of readNdjson(response, request)) console.log(row)
 */
export async function* readNdjson(
  response: Response,
  request: RequestDescriptor,
  validate?: (value: unknown) => unknown | Promise<unknown>,
  idleMs?: number,
  bound?: <T>(read: Promise<T>) => Promise<T>,
  parse: (text: string) => unknown = JSON.parse,
): AsyncGenerator<unknown, void, undefined> {
  const reader = response.body?.getReader()
  if (!reader) return
  const contentType = response.headers.get('content-type')
  const decoder = new TextDecoder()
  const split = createLineSplitter()
  let done = false
  try {
    while (!done) {
      const read = idleMs === undefined ? reader.read() : readWithin(reader, idleMs, request)
      const chunk = await (bound ? bound(read) : read)
      done = chunk.done
      for (const { line, number } of split.push(decoder.decode(chunk.value, { stream: !done }), done)) {
        let value: unknown
        try {
          value = parse(line)
        } catch (cause) {
          throw new ParseError({
            request,
            text: line,
            contentType,
            reason: 'invalid JSON',
            line: number,
            cause,
          })
        }
        yield validate ? await validate(value) : value
      }
    }
  } finally {
    // A break, a bad line or a failed validation leaves the body half read: let the source stop sending.
    // Not awaited, so a slow source cannot stall the loop's exit; an already errored stream rejects here.
    if (!done) reader.cancel().catch(() => {})
  }
}

/** The next chunk, or a `TimeoutError` when none arrives within `ms` (the caller then cancels the body). */
function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
  request: RequestDescriptor,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const stop = startTimer(ms, () => reject(new TimeoutError({ request, timeoutMs: ms, scope: 'attempt' })))
    reader.read().then(resolve, reject).finally(stop)
  })
}
