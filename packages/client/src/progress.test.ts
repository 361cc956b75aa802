import type { ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createClient, isNetworkError, isTimeoutError, type Progress, progress, stream } from './index.js'
import { deferred, useServers, within } from './test-support/server.js'

// Real sockets on 127.0.0.1 for what the wire does: chunks, gzip, aborts and resets mid-body, uploads.
const { http, raw } = useServers()

/** Records every report; `chunks` keeps the byte count of each chunk passed along. */
function recorder() {
  const reports: Progress[] = []
  const chunks: number[] = []
  const onDownloadProgress = (report: Progress, chunk: Uint8Array) => {
    reports.push(report)
    chunks.push(chunk.byteLength)
  }
  return { reports, chunks, onDownloadProgress, onUploadProgress: onDownloadProgress }
}

/** Transferred bytes never go back, percent never goes back, and each step adds the chunk's size. */
function expectMonotonic(reports: readonly Progress[], chunks: readonly number[]) {
  for (let index = 1; index < reports.length; index++) {
    const [before, after] = [reports[index - 1], reports[index]]
    expect(after?.transferredBytes).toBe((before?.transferredBytes ?? 0) + (chunks[index] ?? 0))
    if (before?.percent !== undefined && after?.percent !== undefined) {
      expect(after.percent).toBeGreaterThanOrEqual(before.percent)
    }
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

/** Writes `body` in `parts` pieces with a pause between them, so the client reads several chunks. */
async function writeSlowly(res: ServerResponse, body: string, parts: number) {
  const size = Math.ceil(body.length / parts)
  for (let at = 0; at < body.length; at += size) {
    res.write(body.slice(at, at + size))
    await tick()
  }
  res.end()
}

const text = 'x'.repeat(30_000)

describe('download progress', () => {
  it('reports from 0 to the Content-Length, monotonically, ending at 1', async () => {
    const server = await http(async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': String(text.length) })
      await writeSlowly(res, text, 3)
    })
    const seen = recorder()
    const api = createClient({ baseUrl: server.origin })

    await expect(api.get('/file', { use: [progress(seen)] })).resolves.toBe(text)

    expect(seen.reports[0]).toEqual({ transferredBytes: 0, totalBytes: 30_000, percent: 0 })
    expect(seen.reports.length).toBeGreaterThanOrEqual(3)
    expect(seen.reports.at(-1)).toEqual({ transferredBytes: 30_000, totalBytes: 30_000, percent: 1 })
    expect(seen.reports.slice(1, -1).every((p) => p.percent !== undefined && p.percent > 0)).toBe(true)
    expectMonotonic(seen.reports, seen.chunks)
  })

  it('without Content-Length: no total nor percent until the end, then both', async () => {
    const server = await http(async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      await writeSlowly(res, text, 3)
    })
    const seen = recorder()
    const api = createClient({ baseUrl: server.origin, use: [progress(seen)] })

    await expect(api.get('/file')).resolves.toBe(text)

    expect(seen.reports[0]).toEqual({ transferredBytes: 0, totalBytes: undefined, percent: undefined })
    for (const report of seen.reports.slice(0, -1)) expect(report.percent).toBeUndefined()
    expect(seen.reports.at(-1)).toEqual({ transferredBytes: 30_000, totalBytes: 30_000, percent: 1 })
    expectMonotonic(seen.reports, seen.chunks)
  })

  it('gzip: counts the decoded bytes and ignores the compressed Content-Length', async () => {
    const json = JSON.stringify({ rows: Array.from({ length: 2000 }, (_, id) => ({ id, status: 'open' })) })
    const zipped = gzipSync(json)
    const server = await http((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Content-Length': String(zipped.length),
      })
      res.end(zipped)
    })
    const seen = recorder()
    const api = createClient({ baseUrl: server.origin })

    const data = await api.get('/orders', { use: [progress(seen)] })

    expect(data).toEqual(JSON.parse(json))
    expect(seen.reports[0]?.totalBytes).toBeUndefined()
    expect(seen.reports.at(-1)).toEqual({
      transferredBytes: Buffer.byteLength(json),
      totalBytes: Buffer.byteLength(json),
      percent: 1,
    })
    expectMonotonic(seen.reports, seen.chunks)
  })

  it('an abort mid-body rejects with the caller reason and closes the connection', async () => {
    const closed = deferred()
    const server = await http((_req, res) => {
      res.on('close', () => closed.resolve())
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '20000' })
      res.write('x'.repeat(10_000))
    })
    const controller = new AbortController()
    const reason = new DOMException('user left', 'AbortError')
    const seen = recorder()
    const api = createClient({ baseUrl: server.origin })
    const onDownloadProgress = (report: Progress, chunk: Uint8Array) => {
      seen.onDownloadProgress(report, chunk)
      if (report.transferredBytes > 0) controller.abort(reason)
    }

    const call = api.get('/file', { signal: controller.signal, use: [progress({ onDownloadProgress })] })

    await expect(within(call, 3000, 'the abort')).rejects.toBe(reason)
    await within(closed.promise, 3000, 'the server seeing the connection close')
    expect(seen.reports.at(-1)?.percent).toBeLessThan(1)
  })

  it('the attempt timeout still races a stalled body: TimeoutError, connection closed', async () => {
    const closed = deferred()
    const server = await http((_req, res) => {
      res.on('close', () => closed.resolve())
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      res.write('first part')
    })
    const seen = recorder()
    // Long enough for the first part to arrive on a loaded CI machine (at 150 ms the timer sometimes fired
    // before it, and no progress was reported); the stall after it is what the timer must cut.
    const api = createClient({ baseUrl: server.origin, timeout: 1000, retry: false })

    const error = await within(api.get('/file', { use: [progress(seen)] }), 5000, 'the timeout').catch(
      (thrown: unknown) => thrown,
    )

    expect(isTimeoutError(error)).toBe(true)
    await within(closed.promise, 3000, 'the server seeing the connection close')
    expect(seen.reports.map((p) => p.transferredBytes)).toEqual([0, 10])
  })

  it('a truncated body fails with the same NetworkError as without progress', async () => {
    const server = await raw((socket) =>
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nshort'),
    )
    const api = createClient({ baseUrl: server.origin, retry: false })
    const seen = recorder()

    const withProgress = await api.get('/f', { use: [progress(seen)] }).catch((thrown: unknown) => thrown)
    const without = await api.get('/f').catch((thrown: unknown) => thrown)

    expect(isNetworkError(withProgress) && isNetworkError(without)).toBe(true)
    expect(withProgress).toMatchObject({ kind: 'network', attempts: 1 })
    // The stream's own error reaches the client unchanged.
    const causeOf = (error: unknown) => (isNetworkError(error) ? String(error.cause) : '')
    expect(causeOf(withProgress)).toBe(causeOf(without))
    expect(seen.reports.at(-1)?.percent).not.toBe(1)
  })

  it('a retried attempt reports again from 0', async () => {
    const server = await http((_req, res, _received, index) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '10' })
      if (index === 0) {
        res.write('hello')
        setTimeout(() => res.socket?.destroy(), 20)
      } else res.end('hello, you')
    })
    const seen = recorder()
    const api = createClient({ baseUrl: server.origin, retry: { limit: 1, baseDelay: 0 } })

    await expect(api.get('/f', { use: [progress(seen)] })).resolves.toBe('hello, you')

    const starts = seen.reports.flatMap((p, index) => (p.transferredBytes === 0 ? [index] : []))
    expect(starts).toHaveLength(2)
    expect(seen.reports.at(-1)).toEqual({ transferredBytes: 10, totalBytes: 10, percent: 1 })
  })

  it('stream(): NDJSON records as they come, the last report at the full length', async () => {
    const lines = Array.from({ length: 300 }, (_, id) => `${JSON.stringify({ id, status: 'open' })}\n`).join(
      '',
    )
    const server = await http(async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson' })
      await writeSlowly(res, lines, 4)
    })
    const seen = recorder()
    const api = createClient({ baseUrl: server.origin })

    const ids: unknown[] = []
    for await (const row of stream<{ id: number }>(api, '/export', { use: [progress(seen)] }))
      ids.push(row.id)

    expect(ids).toHaveLength(300)
    expect(seen.reports.at(-1)).toEqual({
      transferredBytes: lines.length,
      totalBytes: lines.length,
      percent: 1,
    })
    expectMonotonic(seen.reports, seen.chunks)
  })

  it('stream(): leaving the loop early cancels the download without a final report', async () => {
    const closed = deferred()
    const server = await http((_req, res) => {
      res.on('close', () => closed.resolve())
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson' })
      res.write('{"id":1}\n{"id":2}\n')
    })
    const seen = recorder()
    const api = createClient({ baseUrl: server.origin })

    for await (const row of stream(api, '/export', { use: [progress(seen)] })) {
      expect(row).toEqual({ id: 1 })
      break
    }

    await within(closed.promise, 3000, 'the server seeing the connection close')
    expect(seen.reports.some((p) => p.percent === 1)).toBe(false)
  })
})

describe('upload progress', () => {
  const chunksOf = (parts: readonly string[]) => {
    const encoder = new TextEncoder()
    let index = 0
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        const part = parts[index++]
        if (part === undefined) controller.close()
        else controller.enqueue(encoder.encode(part))
      },
    })
  }

  it('counts a stream body as fetch sends it, ending at its length', async () => {
    const server = await http((_req, res) => res.end('stored'))
    const parts = ['a'.repeat(4000), 'b'.repeat(4000), 'c'.repeat(2000)]
    const seen = recorder()
    const api = createClient({ baseUrl: server.origin })

    await expect(
      api.put('/uploads/7', {
        body: chunksOf(parts),
        headers: { 'Content-Type': 'application/octet-stream' },
        use: [progress({ onUploadProgress: seen.onUploadProgress })],
      }),
    ).resolves.toBe('stored')

    expect(server.requests[0]?.body.toString()).toBe(parts.join(''))
    expect(seen.reports.map((p) => p.transferredBytes)).toEqual([0, 4000, 8000, 10_000, 10_000])
    expect(seen.reports.at(-1)).toEqual({ transferredBytes: 10_000, totalBytes: 10_000, percent: 1 })
  })

  it('takes the total from a Content-Length the caller set', async () => {
    const server = await http((_req, res) => res.end('stored'))
    const seen = recorder()

    await createClient({ baseUrl: server.origin }).put('/uploads/8', {
      body: chunksOf(['a'.repeat(600), 'b'.repeat(400)]),
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': '1000' },
      use: [progress({ onUploadProgress: seen.onUploadProgress })],
    })

    expect(server.requests[0]?.headers['content-length']).toBe('1000')
    expect(seen.reports.map((p) => p.percent)).toEqual([0, 0.6, 1, 1])
  })

  it('does not report a body that is not a stream (it is sent in one piece)', async () => {
    const server = await http((_req, res) => res.end('ok'))
    const seen = recorder()

    await createClient({ baseUrl: server.origin }).post('/orders', {
      body: { sku: 'A1' },
      use: [progress({ onUploadProgress: seen.onUploadProgress })],
    })

    expect(server.requests[0]?.body.toString()).toBe('{"sku":"A1"}')
    expect(seen.reports).toEqual([])
  })
})
