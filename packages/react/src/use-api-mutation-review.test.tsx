import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { act } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderWithQuery } from './test-support/render.js'
import { BASE, server, testClient, wait } from './test-support/server.js'
import {
  type ApiMutationOptions,
  type ApiMutationResult,
  type MutationTuning,
  useApiMutation,
} from './use-api-mutation.js'

afterEach(() => {
  vi.useRealTimers()
})

interface Draft {
  readonly item: string
}
type Order = { readonly id: number; readonly item: string }

type Reply = 'slow' | 429 | 'ok'

/**
 * An idempotent POST on any path: a known key replays its answer, a key still being worked on gets 409.
 * `replies` script the answers in order ('slow': the work takes 2.5 s; a status: answered before any work).
 */
function idempotentApi(replies: Reply[] = []) {
  const seen: { path: string; key: string; url: URL; headers: Headers }[] = []
  const done = new Map<string, Order>()
  const working = new Set<string>()
  server.use(
    http.post(`${BASE}/*`, async ({ request }) => {
      const key = request.headers.get('idempotency-key') ?? ''
      const url = new URL(request.url)
      seen.push({ path: url.pathname, key, url, headers: request.headers })
      // A rate limiter in front of the API answers before it looks at the key.
      const status = replies[0]
      if (typeof status === 'number') {
        replies.shift()
        return HttpResponse.json({ title: 'No' }, { status, headers: { 'Retry-After': '120' } })
      }
      const replay = done.get(key)
      if (replay)
        return HttpResponse.json(replay, { status: 201, headers: { 'Idempotent-Replayed': 'true' } })
      if (working.has(key)) return HttpResponse.json({ title: 'In progress' }, { status: 409 })
      const reply = replies.shift() ?? 'ok'
      const body: unknown = await request.json()
      const item = typeof body === 'object' && body && 'item' in body ? String(body.item) : ''
      working.add(key)
      if (reply === 'slow') await wait(2_500)
      working.delete(key)
      const order = { id: done.size + 1, item }
      done.set(key, order)
      return HttpResponse.json(order, { status: 201 })
    }),
  )
  return seen
}

interface Box {
  current?: ApiMutationResult<Order, Draft>
  setPath?: (path: string) => void
}

function Form({
  box,
  options,
  tuning,
  initialPath = '/orders',
}: {
  readonly box: Box
  readonly options?: ApiMutationOptions<Draft>
  readonly tuning?: MutationTuning<Order, Draft>
  readonly initialPath?: string
}) {
  const [path, setPath] = useState(initialPath)
  box.setPath = setPath
  box.current = useApiMutation<Draft, Order>('POST', path, options, tuning)
  return null
}

const press = (box: Box, draft: Draft) =>
  act(async () => {
    await box.current?.mutateAsync(draft).catch(() => {})
  })

/** Presses with fake timers: starts the submission, lets `ms` pass, and waits for its outcome to render. */
async function pressFor(box: Box, draft: Draft, ms: number) {
  let done: Promise<unknown> = Promise.resolve()
  act(() => {
    done = box.current?.mutateAsync(draft).catch(() => {}) ?? done
  })
  await act(() => vi.advanceTimersByTimeAsync(ms))
  await act(() => done)
  await act(() => vi.advanceTimersByTimeAsync(1))
}

describe('useApiMutation keeps a key while the request may have reached the server', () => {
  it('keeps it when a retry gets 429 after the first attempt of the same call timed out', async () => {
    vi.useFakeTimers()
    // Attempt 1 times out at the client (1 s) while the server works on; attempt 2 is rate limited.
    const seen = idempotentApi(['slow', 429])
    const box: Box = {}
    renderWithQuery(
      <Form box={box} />,
      testClient({ timeout: 1_000, retry: { limit: 1, baseDelay: 1, maxDelay: 1 } }),
    )
    await pressFor(box, { item: 'tea' }, 1_100)
    expect(box.current?.error).toMatchObject({ kind: 'http', status: 429, attempts: 2 })
    // The server finishes; the user presses "try again": the same key gets the first attempt's answer.
    await act(() => vi.advanceTimersByTimeAsync(3_000))
    await pressFor(box, { item: 'tea' }, 10)
    expect(new Set(seen.map((s) => s.key)).size).toBe(1)
    expect(box.current?.status).toBe('success')
    expect(box.current?.replayed).toBe(true)
  })

  it('waits out a 409 "in progress" after the first attempt of the same call timed out, and succeeds with it', async () => {
    vi.useFakeTimers()
    const seen = idempotentApi(['slow'])
    const box: Box = {}
    const statuses: string[] = []
    renderWithQuery(
      <Form box={box} tuning={{ onError: (error) => statuses.push(`error ${error.kind}`) }} />,
      testClient({ timeout: 1_000, retry: { limit: 1, baseDelay: 1, maxDelay: 1 } }),
    )
    await pressFor(box, { item: 'tea' }, 4_000)
    expect(statuses).toEqual([])
    expect(box.current?.status).toBe('success')
    expect(box.current?.data).toEqual({ id: 1, item: 'tea' })
    expect(box.current?.replayed).toBe(true)
    expect(new Set(seen.map((s) => s.key)).size).toBe(1)
  })

  it('keeps it when a manual try gets 429 after an earlier try timed out', async () => {
    vi.useFakeTimers()
    const seen = idempotentApi(['slow', 429])
    const box: Box = {}
    renderWithQuery(<Form box={box} />, testClient({ timeout: 1_000, retry: false }))
    await pressFor(box, { item: 'tea' }, 1_000)
    expect(box.current?.error?.kind).toBe('timeout')
    await act(() => vi.advanceTimersByTimeAsync(3_000))
    // The server is done with the first try, but a rate limiter in front of it refuses this one.
    seen.length = 0
    server.use(
      http.post(`${BASE}/orders`, ({ request }) => {
        seen.push({
          path: '/orders',
          key: request.headers.get('idempotency-key') ?? '',
          url: new URL(request.url),
          headers: request.headers,
        })
        return HttpResponse.json({ title: 'Slow down' }, { status: 429, headers: { 'Retry-After': '120' } })
      }),
    )
    await pressFor(box, { item: 'tea' }, 10)
    expect(box.current?.error).toMatchObject({ status: 429, attempts: 1 })
    server.resetHandlers()
    const after = idempotentApi()
    await pressFor(box, { item: 'tea' }, 10)
    expect(after[0]?.key).toBe(seen[0]?.key)
    expect(box.current?.replayed).toBe(false)
    expect(box.current?.status).toBe('success')
  })

  it('drops it after a definite refusal (422 on a first try), so a corrected retry is a new submission', async () => {
    const seen: string[] = []
    let refuse = true
    server.use(
      http.post(`${BASE}/orders`, ({ request }) => {
        seen.push(request.headers.get('idempotency-key') ?? '')
        if (refuse) {
          refuse = false
          return HttpResponse.json({ title: 'Invalid' }, { status: 422 })
        }
        return HttpResponse.json({ id: 1, item: 'tea' }, { status: 201 })
      }),
    )
    const box: Box = {}
    renderWithQuery(<Form box={box} />, testClient({ retry: false }))
    await press(box, { item: 'tea' })
    await press(box, { item: 'tea' })
    expect(seen).toHaveLength(2)
    expect(seen[1]).not.toBe(seen[0])
  })
})

describe('useApiMutation joined presses', () => {
  it('runs the hook’s and the first press’s callbacks once; the joined press sends nothing and runs none', async () => {
    const seen = idempotentApi(['slow'])
    vi.useFakeTimers()
    const hook = { success: 0, settled: 0 }
    const calls: string[] = []
    const box: Box = {}
    renderWithQuery(
      <Form
        box={box}
        tuning={{
          onSuccess: () => {
            hook.success++
          },
          onSettled: () => {
            hook.settled++
          },
        }}
      />,
      testClient(),
    )
    let both: Promise<unknown[]> = Promise.resolve([])
    act(() => {
      const first = box.current?.mutateAsync({ item: 'tea' }, { onSuccess: () => calls.push('first') })
      const second = box.current?.mutateAsync({ item: 'tea' }, { onSuccess: () => calls.push('second') })
      box.current?.mutate({ item: 'tea' }, { onSuccess: () => calls.push('third') })
      both = Promise.all([first, second])
    })
    await act(() => vi.advanceTimersByTimeAsync(3_000))
    const results = await both
    expect(results).toEqual([
      { id: 1, item: 'tea' },
      { id: 1, item: 'tea' },
    ])
    expect(seen).toHaveLength(1)
    expect(hook).toEqual({ success: 1, settled: 1 })
    expect(calls).toEqual(['first'])
    expect(box.current?.status).toBe('success')
  })
})

describe('useApiMutation requests', () => {
  it('merges the params, query and headers of toRequest over the hook’s', async () => {
    const seen = idempotentApi()
    const box: Box = {}
    renderWithQuery(
      <Form
        box={box}
        initialPath="/shops/:shop/orders"
        options={{
          params: { shop: 's1' },
          query: { dryRun: 'no' },
          headers: { 'X-Tenant': 'acme' },
          toRequest: (draft) => ({
            body: draft,
            query: { source: 'web' },
            headers: { 'X-Note': draft.item },
          }),
        }}
      />,
      testClient(),
    )
    await press(box, { item: 'tea' })
    expect(box.current?.status).toBe('success')
    const sent = seen[0]
    expect(sent?.path).toBe('/shops/s1/orders')
    expect(Object.fromEntries(sent?.url.searchParams ?? [])).toEqual({ dryRun: 'no', source: 'web' })
    expect(sent?.headers.get('x-tenant')).toBe('acme')
    expect(sent?.headers.get('x-note')).toBe('tea')
  })

  it('keys submissions by what is sent: the same variables to another path are another submission', async () => {
    const seen = idempotentApi()
    server.use(http.post(`${BASE}/carts/1/checkout`, () => new HttpResponse(null, { status: 503 })))
    const box: Box = {}
    renderWithQuery(<Form box={box} initialPath="/carts/1/checkout" />, testClient({ retry: false }))
    await press(box, { item: 'tea' })
    expect(box.current?.status).toBe('error')
    const firstKey = box.current?.idempotencyKey
    act(() => box.setPath?.('/carts/2/checkout'))
    await press(box, { item: 'tea' })
    expect(seen.at(-1)?.path).toBe('/carts/2/checkout')
    expect(seen.at(-1)?.key).not.toBe(firstKey)
  })
})

describe('@ferry/react and the client’s response callback option (removed in 0.2)', () => {
  it('uses it nowhere: replays are read by a middleware in `use`', () => {
    const dir = import.meta.dirname
    const offenders = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .filter((file) => readFileSync(join(dir, file), 'utf8').includes(['on', 'Response'].join('')))
    expect(offenders).toEqual([])
  })
})
