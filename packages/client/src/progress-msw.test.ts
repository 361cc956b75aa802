import { describe, expect, it } from 'vitest'
import { createClient, HttpError, type Progress, progress } from './index.js'
import { API, route, status, useServer } from './test-support/msw.js'

// What the step does with the Response it hands on; the wire itself is in progress.test.ts.
useServer()

function recorder() {
  const reports: Progress[] = []
  return { reports, onDownloadProgress: (report: Progress) => void reports.push(report) }
}

describe('download progress with msw', () => {
  it('keeps status, headers and url of a response handed out as it is', async () => {
    route(
      'get',
      '/invoice',
      () => new Response('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } }),
    )
    const seen = recorder()
    const api = createClient({ baseUrl: API })

    const response = await api.get('/invoice', { as: 'response', use: [progress(seen)] })

    expect(response.status).toBe(200)
    expect(response.url).toBe(`${API}/invoice`)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(await response.text()).toBe('%PDF-1.7')
    expect(seen.reports.at(-1)).toEqual({ transferredBytes: 8, totalBytes: 8, percent: 1 })
  })

  it('a response without a body is done at once', async () => {
    route('delete', '/orders/1', () => new Response(null, { status: 204 }))
    const seen = recorder()

    await expect(createClient({ baseUrl: API }).delete('/orders/1', { use: [progress(seen)] })).resolves.toBe(
      undefined,
    )

    expect(seen.reports).toEqual([{ transferredBytes: 0, totalBytes: 0, percent: 1 }])
  })

  it('a 304 answer is done at once: one report of 0 of 0 bytes (100 %)', async () => {
    route('get', '/orders/1', () => new Response(null, { status: 304, headers: { ETag: '"v1"' } }))
    const seen = recorder()

    await expect(
      createClient({ baseUrl: API }).get('/orders/1', {
        headers: { 'If-None-Match': '"v1"' },
        use: [progress(seen)],
      }),
    ).resolves.toBe(undefined)

    expect(seen.reports).toEqual([{ transferredBytes: 0, totalBytes: 0, percent: 1 }])
  })

  it('a HEAD answer is done at once, whatever its Content-Length says of the GET', async () => {
    route('head', '/invoice', () => new Response(null, { headers: { 'Content-Length': '1234' } }))
    const seen = recorder()

    await createClient({ baseUrl: API }).head('/invoice', { use: [progress(seen)] })

    expect(seen.reports).toEqual([{ transferredBytes: 0, totalBytes: 0, percent: 1 }])
  })

  it('an error status is not reported and rejects as without progress', async () => {
    route('get', '/missing', status(404))
    const seen = recorder()

    await expect(
      createClient({ baseUrl: API }).get('/missing', { use: [progress(seen)] }),
    ).rejects.toBeInstanceOf(HttpError)
    expect(seen.reports).toEqual([])
  })

  it('a callback that throws does not break the request', async () => {
    route('get', '/report', () => new Response('done', { headers: { 'Content-Type': 'text/plain' } }))
    const onDownloadProgress = () => {
      throw new Error('bug in a progress bar')
    }

    await expect(
      createClient({ baseUrl: API }).get('/report', { use: [progress({ onDownloadProgress })] }),
    ).resolves.toBe('done')
  })
})
