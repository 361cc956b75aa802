import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { memoryStore } from './memory-store.js'

describe('memoryStore', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_800_000_000_000 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('claims an event once: a second claim is in progress, and done after completion', async () => {
    const store = memoryStore()
    const claim = await store.claim('evt_1')
    expect(claim.status).toBe('claimed')
    expect(await store.claim('evt_1')).toEqual({ status: 'in-progress' })
    if (claim.status !== 'claimed') throw new Error('unreachable')
    await store.complete('evt_1', claim.token)
    expect(await store.claim('evt_1')).toEqual({ status: 'done' })
    expect((await store.claim('evt_2')).status).toBe('claimed')
  })

  it('gives only one of many concurrent claims the event', async () => {
    const store = memoryStore()
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claim('evt_1')))
    expect(results.filter((r) => r.status === 'claimed')).toHaveLength(1)
  })

  it('frees a released claim for the next delivery, but only with the token of that claim', async () => {
    const store = memoryStore()
    const claim = await store.claim('evt_1')
    if (claim.status !== 'claimed') throw new Error('expected a claim')
    await store.release('evt_1', 'someone-else')
    expect(await store.claim('evt_1')).toEqual({ status: 'in-progress' })
    await store.release('evt_1', claim.token)
    expect((await store.claim('evt_1')).status).toBe('claimed')
  })

  it('lets a claim that was never completed expire after lockTtlMs (a crashed handler)', async () => {
    const store = memoryStore({ lockTtlMs: 10_000 })
    const first = await store.claim('evt_1')
    vi.advanceTimersByTime(9_999)
    expect(await store.claim('evt_1')).toEqual({ status: 'in-progress' })
    vi.advanceTimersByTime(1)
    const second = await store.claim('evt_1')
    expect(second.status).toBe('claimed')
    // The stale claim's release must not drop the new one.
    if (first.status !== 'claimed') throw new Error('expected a claim')
    await store.release('evt_1', first.token)
    expect(await store.claim('evt_1')).toEqual({ status: 'in-progress' })
  })

  it('remembers a handled event for ttlMs (3 days by default), then forgets it', async () => {
    const store = memoryStore()
    const claim = await store.claim('evt_1')
    if (claim.status !== 'claimed') throw new Error('expected a claim')
    await store.complete('evt_1', claim.token)
    vi.advanceTimersByTime(3 * 24 * 3_600_000 - 1)
    expect(await store.claim('evt_1')).toEqual({ status: 'done' })
    vi.advanceTimersByTime(1)
    expect((await store.claim('evt_1')).status).toBe('claimed')
  })

  it('takes an injected clock', async () => {
    let time = 0
    const store = memoryStore({ ttlMs: 1_000, now: () => time })
    const claim = await store.claim('evt_1')
    if (claim.status !== 'claimed') throw new Error('expected a claim')
    await store.complete('evt_1', claim.token)
    time = 999
    expect(await store.claim('evt_1')).toEqual({ status: 'done' })
    time = 1_000
    expect((await store.claim('evt_1')).status).toBe('claimed')
  })

  it('refuses TTLs that are not whole positive milliseconds', () => {
    expect(() => memoryStore({ ttlMs: 0 })).toThrow(/ttlMs must be a whole number of milliseconds > 0/)
    expect(() => memoryStore({ lockTtlMs: 1.5 })).toThrow(/lockTtlMs/)
  })
})
