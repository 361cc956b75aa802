import { afterEach, describe, expect, it, vi } from 'vitest'
import { getOrders } from './data.js'
import { ndjsonStream } from './export-stream.js'

afterEach(() => vi.useRealTimers())

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return chunks
}

describe('ndjsonStream', () => {
  it('streams every order as one JSON line, in chunks that split records', async () => {
    const orders = getOrders().slice(0, 120)
    const chunks = await readAll(ndjsonStream(orders, { chunkSize: 50 }))
    expect(chunks).toHaveLength(3)
    const decoder = new TextDecoder()
    const texts = chunks.map((chunk) => decoder.decode(chunk, { stream: true }))
    expect(texts[0]?.endsWith('\n')).toBe(false)
    const lines = texts.join('').split('\n')
    expect(lines.pop()).toBe('')
    expect(lines.map((line) => JSON.parse(line))).toEqual(orders)
  })

  it('closes at once when there is nothing to send', async () => {
    expect(await readAll(ndjsonStream([]))).toEqual([])
  })

  it('waits chunkDelayMs between chunks (real timers in the browser, fake ones here)', async () => {
    vi.useFakeTimers()
    const reader = ndjsonStream(getOrders().slice(0, 100), { chunkSize: 50, chunkDelayMs: 40 }).getReader()
    expect((await reader.read()).done).toBe(false)
    let second: ReadableStreamReadResult<Uint8Array> | undefined
    void reader.read().then((result) => {
      second = result
    })
    await vi.advanceTimersByTimeAsync(39)
    expect(second).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(second?.done).toBe(false)
  })

  it('stops producing when the reader cancels, and errors when the request is aborted', async () => {
    const controller = new AbortController()
    const reader = ndjsonStream(getOrders(), { chunkSize: 10, signal: controller.signal }).getReader()
    await reader.read()
    controller.abort(new DOMException('gone', 'AbortError'))
    await expect(reader.read()).rejects.toThrow('gone')

    const cancelled = ndjsonStream(getOrders(), { chunkSize: 10 }).getReader()
    await cancelled.read()
    await cancelled.cancel()
    expect((await cancelled.read()).done).toBe(true)
  })
})
