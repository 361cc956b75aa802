import type { ServerResponse } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  byCursor,
  byLinkHeader,
  byMeta,
  createClient,
  type FerryEvent,
  HttpError,
  isParseError,
  isValidationError,
  NetworkError,
  observe,
  ParseError,
  paginate,
  stream,
  ValidationError,
} from './index.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { deferred, type Handler, startServer, type TestServer, within } from './test-support/server.js'

// Streams run against a real server: only a real connection shows that `break` and abort reach the server.
let server: TestServer
let handle: Handler = (_req, res) => res.end()
beforeAll(async () => {
  server = await startServer((req, res, received, index) => handle(req, res, received, index))
})
beforeEach(() => {
  server.requests.length = 0
})
afterAll(() => server.close())

const NDJSON = { 'Content-Type': 'application/x-ndjson' }
const api = () => createClient({ baseUrl: server.origin, retry: { limit: 2, baseDelay: 0 } })
const line = (value: unknown) => `${JSON.stringify(value)}\n`

/** Resolves when the server side of the response is closed, and says whether it had finished sending. */
function closed(res: ServerResponse): Promise<{ finished: boolean }> {
  return new Promise((resolve) => res.on('close', () => resolve({ finished: res.writableFinished })))
}

describe('stream through the client', () => {
  it('yields record 1 before the server has sent record 2', async () => {
    const consumerHasFirst = deferred()
    const sent: number[] = []
    handle = async (_req, res) => {
      res.writeHead(200, NDJSON)
      res.write(line({ id: 1 }))
      sent.push(1)
      await consumerHasFirst.promise
      res.write(line({ id: 2 }))
      sent.push(2)
      res.end()
    }
    const rows: unknown[] = []
    const sentWhenSeen: number[][] = []

    await within(
      (async () => {
        for await (const row of stream(api(), '/export')) {
          rows.push(row)
          sentWhenSeen.push([...sent])
          consumerHasFirst.resolve()
        }
      })(),
      2000,
      'record 1 reaching the consumer before record 2 is sent',
    )

    expect(rows).toEqual([{ id: 1 }, { id: 2 }])
    expect(sentWhenSeen).toEqual([[1], [1, 2]])
    expect(server.requests[0]?.headers.accept).toBe('application/x-ndjson')
  })

  it('joins records split across chunks, handles CRLF and blank lines, and a last line without newline', async () => {
    handle = async (_req, res) => {
      res.writeHead(200, NDJSON)
      for (const chunk of ['{"id":1}\r\n{"i', 'd":2,"name":"é', '"}\r\n\r\n\n', '{"id":3}']) {
        res.write(chunk)
        await new Promise((resolve) => setImmediate(resolve))
      }
      res.end()
    }
    const rows: unknown[] = []
    for await (const row of stream(api(), '/export')) rows.push(row)
    expect(rows).toEqual([{ id: 1 }, { id: 2, name: 'é' }, { id: 3 }])
  })

  it('cancels the download when the loop breaks: the server sees the connection close', async () => {
    let serverSide: Promise<{ finished: boolean }> | undefined
    let written = 0
    handle = (_req, res) => {
      serverSide = closed(res)
      res.writeHead(200, NDJSON)
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer)
        res.write(line({ id: ++written }))
      }, 2)
      res.on('close', () => clearInterval(timer))
    }
    const rows: unknown[] = []

    for await (const row of stream(api(), '/endless')) {
      rows.push(row)
      if (rows.length === 3) break
    }

    expect(rows).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }])
    expect(
      await within(
        serverSide ?? Promise.reject(new Error('no request')),
        2000,
        'the server seeing the close',
      ),
    ).toEqual({
      finished: false,
    })
  })

  it('rejects with the signal reason when aborted mid-stream, and closes the connection', async () => {
    let serverSide: Promise<{ finished: boolean }> | undefined
    handle = (_req, res) => {
      serverSide = closed(res)
      res.writeHead(200, NDJSON)
      res.write(line({ id: 1 }))
      // …and never another byte.
    }
    const controller = new AbortController()
    const reason = new DOMException('user closed the export', 'AbortError')
    const rows: unknown[] = []

    const outcome = await within(
      (async () => {
        for await (const row of stream(api(), '/export', { signal: controller.signal })) {
          rows.push(row)
          controller.abort(reason)
        }
      })().catch((error: unknown) => error),
      2000,
      'the aborted stream settling',
    )

    expect(outcome).toBe(reason)
    expect(rows).toEqual([{ id: 1 }])
    expect(
      await within(
        serverSide ?? Promise.reject(new Error('no request')),
        2000,
        'the server seeing the close',
      ),
    ).toEqual({
      finished: false,
    })
  })

  it('rejects with the signal reason when aborted before the response arrives', async () => {
    handle = () => undefined // never answers
    const controller = new AbortController()
    const reason = new Error('gave up')
    const loop = (async () => {
      for await (const _ of stream(api(), '/export', { signal: controller.signal })) {
        // never reached
      }
    })()
    await within(
      (async () => {
        while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 1))
      })(),
      2000,
      'the request reaching the server',
    )
    controller.abort(reason)
    await expect(loop).rejects.toBe(reason)
  })

  it('validates each record with the schema: a bad record is a ValidationError with its issue path', async () => {
    let serverSide: Promise<{ finished: boolean }> | undefined
    handle = (_req, res) => {
      serverSide = closed(res)
      res.writeHead(200, NDJSON)
      res.write(line({ id: 1, total: '1.5' }) + line({ id: 'two', total: '2' }))
      // keeps the connection open: the error must not wait for the end of the body
    }
    const Row = z.object({ id: z.number(), total: z.coerce.number() })
    const rows: unknown[] = []

    const error = await within(
      (async () => {
        for await (const row of stream(api(), '/export', { schema: Row })) rows.push(row)
      })().catch((e: unknown) => e),
      2000,
      'the validation error',
    )

    expect(rows).toEqual([{ id: 1, total: 1.5 }])
    expect(error).toBeInstanceOf(ValidationError)
    expect(isValidationError(error) && error.issues.map((issue) => issue.path)).toEqual([['id']])
    await within(serverSide ?? Promise.reject(new Error('no request')), 2000, 'the body being cancelled')
  })

  it("rejects with the schema's own error when the schema throws (a bug, not issues), ending with one error event", async () => {
    let serverSide: Promise<{ finished: boolean }> | undefined
    handle = (_req, res) => {
      serverSide = closed(res)
      res.writeHead(200, NDJSON)
      res.write(line({ id: 1 }) + line({ id: 2 }))
    }
    const bug = new TypeError('bug in the schema')
    let calls = 0
    const Buggy: StandardSchemaV1<unknown, unknown> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: (value) => {
          if (++calls === 2) throw bug
          return { value }
        },
      },
    }
    const events: FerryEvent[] = []
    const client = createClient({ baseUrl: server.origin, events: observe((event) => events.push(event)) })
    const rows: unknown[] = []

    const error = await within(
      (async () => {
        for await (const row of stream(client, '/export', { schema: Buggy })) rows.push(row)
      })().catch((e: unknown) => e),
      2000,
      'the schema error',
    )

    expect(error).toBe(bug)
    expect(rows).toEqual([{ id: 1 }])
    const terminal = events.filter((e) => e.type === 'success' || e.type === 'error' || e.type === 'abort')
    // Its `kind` is 'caller' once the core's `end(thrown, callerCode)` passes `callerCode` on to `fail`.
    expect(terminal.map((e) => e.type)).toEqual(['error'])
    await within(serverSide ?? Promise.reject(new Error('no request')), 2000, 'the body being cancelled')
  })

  it('rejects a bad line with a ParseError giving its line number', async () => {
    handle = (_req, res) => {
      res.writeHead(200, NDJSON)
      res.end('{"id":1}\n\n{"id":2\n{"id":3}\n')
    }
    const rows: unknown[] = []
    const error = await (async () => {
      for await (const row of stream(api(), '/export')) rows.push(row)
    })().catch((e: unknown) => e)

    expect(rows).toEqual([{ id: 1 }])
    expect(error).toBeInstanceOf(ParseError)
    expect(isParseError(error) && [error.line, error.text]).toEqual([3, '{"id":2'])
  })

  it('rejects with a NetworkError when the connection is lost mid-stream', async () => {
    handle = (_req, res) => {
      res.writeHead(200, NDJSON)
      res.write(`${line({ id: 1 })}{"id":`)
      setTimeout(() => res.socket?.destroy(), 10)
    }
    const rows: unknown[] = []
    const error = await within(
      (async () => {
        for await (const row of stream(api(), '/export')) rows.push(row)
      })().catch((e: unknown) => e),
      2000,
      'the lost connection being reported',
    )
    expect(rows).toEqual([{ id: 1 }])
    expect(error).toBeInstanceOf(NetworkError)
  })

  it('checks the status first: an error status rejects with an HttpError, retried per policy', async () => {
    handle = (_req, res, _received, index) => {
      if (index < 3) {
        res.writeHead(503, { 'Content-Type': 'application/json' })
        res.end('{"error":"busy"}')
        return
      }
      res.writeHead(200, NDJSON)
      res.end(line({ id: 1 }))
    }
    const loop = async () => {
      for await (const _ of stream(api(), '/export')) {
        // drain
      }
    }
    await expect(loop()).rejects.toSatisfy(
      (error) => error instanceof HttpError && error.status === 503 && error.attempts === 3,
    )
    const rows: unknown[] = []
    for await (const row of stream(api(), '/export')) rows.push(row)
    expect(rows).toEqual([{ id: 1 }])
  })
})

describe('paginate through the client', () => {
  const json = (res: ServerResponse, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(200, { 'Content-Type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const pageOf = (url: string | undefined) =>
    Number(new URL(url ?? '', 'http://x').searchParams.get('page') ?? 1)

  it('follows meta.hasNextPage across 3 pages and stops, keeping the other query params', async () => {
    handle = (req, res) => {
      const page = pageOf(req.url)
      json(res, { data: [`row-${page}`], meta: { page, hasNextPage: page < 3 } })
    }
    const pages: unknown[] = []
    for await (const page of paginate(api(), '/orders', { next: byMeta(), query: { status: 'open' } }))
      pages.push(page)

    expect(pages.map((page) => (isRecord(page) ? page.data : undefined))).toEqual([
      ['row-1'],
      ['row-2'],
      ['row-3'],
    ])
    expect(server.requests.map((r) => r.url)).toEqual([
      '/orders?status=open',
      '/orders?status=open&page=2',
      '/orders?status=open&page=3',
    ])
  })

  it('follows nextCursor across 3 pages and stops when it is null', async () => {
    const cursors: Record<string, string | null> = { '': 'c2', c2: 'c3', c3: null }
    handle = (req, res) => {
      const cursor = new URL(req.url ?? '', 'http://x').searchParams.get('cursor') ?? ''
      json(res, { items: [cursor || 'first'], nextCursor: cursors[cursor] })
    }
    const pages: unknown[] = []
    for await (const page of paginate(api(), '/feed', { next: byCursor() })) pages.push(page)

    expect(pages).toEqual([
      { items: ['first'], nextCursor: 'c2' },
      { items: ['c2'], nextCursor: 'c3' },
      { items: ['c3'], nextCursor: null },
    ])
    expect(server.requests.map((r) => r.url)).toEqual(['/feed', '/feed?cursor=c2', '/feed?cursor=c3'])
  })

  it('follows Link: rel="next" across 3 pages and stops when there is none', async () => {
    handle = (req, res) => {
      const page = pageOf(req.url)
      const link =
        page < 3
          ? { Link: `<${server.origin}/issues?page=${page + 1}>; rel="next", </issues?page=3>; rel="last"` }
          : {}
      json(res, [`issue-${page}`], link)
    }
    const pages: unknown[] = []
    for await (const page of paginate(api(), '/issues', { next: byLinkHeader() })) pages.push(page)

    expect(pages).toEqual([['issue-1'], ['issue-2'], ['issue-3']])
    expect(server.requests.map((r) => r.url)).toEqual(['/issues', '/issues?page=2', '/issues?page=3'])
  })

  it('fetches no further page when the loop breaks', async () => {
    handle = (req, res) => json(res, { meta: { page: pageOf(req.url), hasNextPage: true } })
    for await (const _ of paginate(api(), '/orders', { next: byMeta() })) break
    expect(server.requests).toHaveLength(1)
  })

  it('stops at maxPages when the server never says it is the last page', async () => {
    handle = (req, res) => json(res, { meta: { page: pageOf(req.url), hasNextPage: true } })
    let count = 0
    for await (const _ of paginate(api(), '/orders', { next: byMeta(), maxPages: 3 })) count++
    expect(count).toBe(3)
    expect(server.requests).toHaveLength(3)
  })

  it('validates every page with the schema', async () => {
    handle = (req, res) => {
      const page = pageOf(req.url)
      json(res, { data: page === 2 ? 'oops' : [page], meta: { page, hasNextPage: true } })
    }
    const Page = z.object({
      data: z.array(z.number()),
      meta: z.object({ page: z.number(), hasNextPage: z.boolean() }),
    })
    const pages: unknown[] = []
    const error = await (async () => {
      for await (const page of paginate(api(), '/orders', { next: byMeta(), schema: Page })) pages.push(page)
    })().catch((e: unknown) => e)

    expect(pages).toHaveLength(1)
    expect(isValidationError(error) && error.issues[0]?.path).toEqual(['data'])
  })
})

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null
