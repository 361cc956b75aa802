import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it, vi } from 'vitest'
import { isParseError, type ParseError } from './errors.js'
import { createLineSplitter, type Line, readNdjson } from './stream.js'

const request = { method: 'GET', url: 'https://api.test/orders/export', requestId: 'req-1' }
const encoder = new TextEncoder()

/** A pull-based body that hands out `chunks` one per read, and records whether it was cancelled. */
function source(chunks: ReadonlyArray<Uint8Array | string>) {
  const queue = chunks.map((chunk) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk))
  const cancel = vi.fn()
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = queue.shift()
        if (chunk) controller.enqueue(chunk)
        else controller.close()
      },
      cancel,
    },
    { highWaterMark: 0 },
  )
  return { stream, cancel }
}

const ndjson = (body: ReadableStream<Uint8Array> | null) =>
  new Response(body, { headers: { 'content-type': 'application/x-ndjson' } })

async function collect(chunks: ReadonlyArray<Uint8Array | string>): Promise<unknown[]> {
  const records: unknown[] = []
  for await (const record of readNdjson(ndjson(source(chunks).stream), request)) records.push(record)
  return records
}

async function parseErrorOf(promise: Promise<unknown>): Promise<ParseError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!isParseError(error)) throw new Error(`expected a ParseError, got ${String(error)}`)
  return error
}

describe('createLineSplitter', () => {
  const cases: ReadonlyArray<{ name: string; chunks: string[]; lines: Line[] }> = [
    { name: 'LF-terminated lines', chunks: ['a\nb\n'], lines: [l('a', 1), l('b', 2)] },
    {
      name: 'a line split across chunks',
      chunks: ['{"a"', ':1}\n{"b":', '2}\n'],
      lines: [l('{"a":1}', 1), l('{"b":2}', 2)],
    },
    { name: 'a line spread over many chunks', chunks: ['x', 'y', 'z', '\n'], lines: [l('xyz', 1)] },
    { name: 'CRLF', chunks: ['a\r\nb\r\n'], lines: [l('a', 1), l('b', 2)] },
    { name: 'CR and LF in different chunks', chunks: ['a\r', '\nb\r', '\n'], lines: [l('a', 1), l('b', 2)] },
    { name: 'a last line without newline', chunks: ['a\nb'], lines: [l('a', 1), l('b', 2)] },
    { name: 'a single line without newline', chunks: ['{}'], lines: [l('{}', 1)] },
    {
      name: 'blank lines skipped but counted',
      chunks: ['a\n\n  \n\t\r\nb\n'],
      lines: [l('a', 1), l('b', 5)],
    },
    { name: 'leading blank CRLF lines', chunks: ['\r\n\r\nx'], lines: [l('x', 3)] },
    { name: 'a whitespace-only last line', chunks: ['a\n   '], lines: [l('a', 1)] },
    { name: 'nothing', chunks: [], lines: [] },
    { name: 'only newlines', chunks: ['\n\n', '\n'], lines: [] },
    { name: 'empty chunks', chunks: ['', 'a', '', '\n', ''], lines: [l('a', 1)] },
    { name: 'inner whitespace kept', chunks: [' {"a": 1} \n'], lines: [l(' {"a": 1} ', 1)] },
  ]
  it.each(cases)('handles $name', ({ chunks, lines }) => {
    const split = createLineSplitter()
    const out = chunks.flatMap((chunk) => split.push(chunk))
    out.push(...split.push('', true))
    expect(out).toEqual(lines)
  })

  it('holds back an unterminated line until its newline or the end', () => {
    const split = createLineSplitter()
    expect(split.push('{"a":')).toEqual([])
    expect(split.push('1}')).toEqual([])
    expect(split.push('\n')).toEqual([l('{"a":1}', 1)])
  })

  function l(line: string, number: number): Line {
    return { line, number }
  }
})

describe('readNdjson', () => {
  // Multi-byte characters (2, 3 and 4 bytes), CRLF, a blank line and no final newline in one small document.
  const document =
    '{"id":1,"name":"Zoë"}\n{"id":2,"price":"€5","mood":"😀"}\r\n\r\n{"id":3,"tags":["a,b","c"]}'
  const records = [
    { id: 1, name: 'Zoë' },
    { id: 2, price: '€5', mood: '😀' },
    { id: 3, tags: ['a,b', 'c'] },
  ]
  const bytes = encoder.encode(document)

  it('reads the same records whatever byte offset the body is split at', async () => {
    for (let at = 0; at <= bytes.length; at++) {
      await expect(collect([bytes.slice(0, at), bytes.slice(at)]), `split at byte ${at}`).resolves.toEqual(
        records,
      )
    }
  })

  it('reads the same records when every byte arrives in its own chunk', async () => {
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte))
    await expect(collect(chunks)).resolves.toEqual(records)
  })

  it('decodes a 4-byte character split over three chunks without replacement characters', async () => {
    const emoji = encoder.encode('{"s":"😀€"}\n') // 😀 is bytes 6..9, € is 10..12
    const out = await collect([emoji.slice(0, 7), emoji.slice(7, 9), emoji.slice(9, 11), emoji.slice(11)])
    expect(out).toEqual([{ s: '😀€' }])
  })

  it('skips a UTF-8 byte order mark', async () => {
    await expect(collect([Uint8Array.of(0xef, 0xbb), Uint8Array.of(0xbf), '{"a":1}\n'])).resolves.toEqual([
      { a: 1 },
    ])
  })

  it('reads CRLF-terminated records', async () => {
    await expect(collect(['{"a":1}\r\n{"a":2}\r\n'])).resolves.toEqual([{ a: 1 }, { a: 2 }])
  })

  it('reads a last record without a final newline', async () => {
    await expect(collect(['{"a":1}\n{"a"', ':2}'])).resolves.toEqual([{ a: 1 }, { a: 2 }])
  })

  it('skips blank and whitespace-only lines', async () => {
    await expect(collect(['\n{"a":1}\n\n \t\n', '\r\n{"a":2}\n\n'])).resolves.toEqual([{ a: 1 }, { a: 2 }])
  })

  it('yields JSON scalars and arrays as records too', async () => {
    await expect(collect(['1\n"two"\nnull\n[3]\nfalse\n'])).resolves.toEqual([1, 'two', null, [3], false])
  })

  it('yields nothing for an empty or missing body', async () => {
    await expect(collect([])).resolves.toEqual([])
    const out: unknown[] = []
    for await (const record of readNdjson(new Response(null), request)) out.push(record)
    expect(out).toEqual([])
  })

  it('throws a ParseError with the 1-based line number of a bad line, counting blank lines', async () => {
    const { stream, cancel } = source(['{"a":1}\n\n{oops}\n', '{"a":2}\n'])
    const seen: unknown[] = []
    const error = await parseErrorOf(
      (async () => {
        for await (const record of readNdjson(ndjson(stream), request)) seen.push(record)
      })(),
    )
    expect(seen).toEqual([{ a: 1 }])
    expect(error.line).toBe(3)
    expect(error.text).toBe('{oops}')
    expect(error.contentType).toBe('application/x-ndjson')
    expect(error.request).toBe(request)
    expect(error.cause).toBeInstanceOf(SyntaxError)
    expect(error.message).toContain('on line 3')
    expect(cancel).toHaveBeenCalledOnce()
  })

  it('numbers a bad last line without newline after CRLF lines', async () => {
    const error = await parseErrorOf(collect(['{"a":1}\r\n\r\n', '{"a":']))
    expect(error.line).toBe(3)
    expect(error.text).toBe('{"a":')
  })

  it('keeps only the first 1 KB of a bad line', async () => {
    const error = await parseErrorOf(collect([`{${'x'.repeat(5000)}\n`]))
    expect(error.text).toBe(`{${'x'.repeat(1023)}`)
  })

  it('applies validate to every record and yields what it returns', async () => {
    const { stream } = source(['{"n":1}\n{"n":2}\n'])
    const validate = vi.fn(async (value: unknown) => ({ wrapped: value }))
    const out: unknown[] = []
    for await (const record of readNdjson(ndjson(stream), request, validate)) out.push(record)
    expect(out).toEqual([{ wrapped: { n: 1 } }, { wrapped: { n: 2 } }])
    expect(validate).toHaveBeenCalledTimes(2)
  })

  it('rejects with what validate throws and cancels the body', async () => {
    const { stream, cancel } = source(['{"n":1}\n{"n":-1}\n', '{"n":3}\n'])
    const invalid = new Error('n must be positive')
    const validate = (value: unknown) => {
      if (typeof value === 'object' && value !== null && 'n' in value && value.n === -1) throw invalid
      return value
    }
    const run = async () => {
      for await (const _ of readNdjson(ndjson(stream), request, validate));
    }
    await expect(run()).rejects.toBe(invalid)
    expect(cancel).toHaveBeenCalledOnce()
  })

  it('cancels the body when the loop is left after the first record', async () => {
    const { stream, cancel } = source(['{"a":1}\n{"a":2}\n', '{"a":3}\n', '{"a":4}\n'])
    const seen: unknown[] = []
    for await (const record of readNdjson(ndjson(stream), request)) {
      seen.push(record)
      break
    }
    expect(seen).toEqual([{ a: 1 }])
    expect(cancel).toHaveBeenCalledOnce()
  })

  it('does not cancel a body that was read to the end', async () => {
    const { stream, cancel } = source(['{"a":1}\n'])
    for await (const _ of readNdjson(ndjson(stream), request));
    expect(cancel).not.toHaveBeenCalled()
  })

  it('rejects a pending read with the abort reason, unchanged, when the body is aborted', async () => {
    const abort = new AbortController()
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"a":1}\n'))
        abort.signal.addEventListener('abort', () => controller.error(abort.signal.reason))
      },
    })
    const records = readNdjson(ndjson(body), request)
    await expect(records.next()).resolves.toEqual({ value: { a: 1 }, done: false })
    const pending = records.next() // waits for data that never comes
    abort.abort()
    await expect(pending).rejects.toBe(abort.signal.reason)
    expect(abort.signal.reason).toBeInstanceOf(DOMException)
    await expect(records.next()).resolves.toEqual({ value: undefined, done: true })
  })

  it('rejects the loop with the stream error, unchanged, when the connection fails mid-body', async () => {
    const reset = new TypeError('terminated')
    let fail: (error: unknown) => void = () => {}
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('{"a":1}\n{"a":'))
        fail = (error) => controller.error(error)
      },
    })
    const seen: unknown[] = []
    const run = async () => {
      for await (const record of readNdjson(ndjson(body), request)) {
        seen.push(record)
        fail(reset)
      }
    }
    await expect(run()).rejects.toBe(reset)
    expect(seen).toEqual([{ a: 1 }])
  })
})

describe('readNdjson memory', () => {
  /** A pull-based body of about `total` bytes of NDJSON, made on demand; chunk ends fall inside records. */
  function generated(total: number) {
    let id = 0
    let sent = 0
    let carry = ''
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (sent >= total) {
            controller.enqueue(encoder.encode(carry))
            controller.close()
            return
          }
          let text = carry
          while (text.length < 64 * 1024) {
            id++
            text += `{"id":${id},"sku":"SKU-${id % 997}","qty":${id % 7},"note":"ünïcødé ✓ ${id}"}\n`
          }
          carry = text.slice(-37)
          const bytes = encoder.encode(text.slice(0, -37))
          sent += bytes.length
          controller.enqueue(bytes)
        },
      },
      { highWaterMark: 0 },
    )
    return { body, records: () => id, bytes: () => sent }
  }

  it('keeps the heap flat while 100 MB of records flow through', { timeout: 60_000 }, async ({
    annotate,
  }) => {
    // Vitest cannot pass --expose-gc to its workers; this enables the same `gc()` from inside.
    setFlagsFromString('--expose-gc')
    const gc: unknown = runInNewContext('gc')
    const collectGarbage = () => (typeof gc === 'function' ? gc() : undefined)
    // Bytes held in ArrayBuffers count too: buffering the raw body would not show in heapUsed alone.
    const heap = () => {
      const { heapUsed, arrayBuffers } = process.memoryUsage()
      return heapUsed + arrayBuffers
    }
    const { body, records, bytes } = generated(100 * 1024 * 1024)
    collectGarbage()
    const baseline = heap()
    let peak = 0 // heap growth including garbage not yet collected
    let retained = 0 // heap growth right after a full collection: what the reader really holds on to
    let count = 0
    let last = 0
    // With an idle timeout, as stream() reads: one timer per chunk must not hold on to anything either.
    for await (const record of readNdjson(ndjson(body), request, undefined, 10_000)) {
      count++
      if (typeof record === 'object' && record !== null && 'id' in record && typeof record.id === 'number')
        last = record.id
      if (count % 4096 === 0) peak = Math.max(peak, heap() - baseline)
      if (count % 131_072 === 0) {
        collectGarbage()
        retained = Math.max(retained, heap() - baseline)
      }
    }
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`
    await annotate(
      `${mb(bytes())} in ${count} records: heap growth peak ${mb(peak)}, retained ${mb(retained)}`,
    )
    expect(typeof gc).toBe('function')
    expect(bytes()).toBeGreaterThanOrEqual(100 * 1024 * 1024)
    expect(count).toBe(records())
    expect(last).toBe(records())
    expect(peak).toBeLessThan(64 * 2 ** 20)
    expect(retained).toBeLessThan(8 * 2 ** 20)
  })
})
