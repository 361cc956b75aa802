import { afterEach, describe, expect, it, vi } from 'vitest'
import { chaosStorageKey, defaultChaos, getChaos, resetChaos, setChaos, subscribeChaos } from './chaos.js'

afterEach(() => {
  resetChaos()
  localStorage.clear()
  vi.resetModules()
})

describe('chaos settings', () => {
  it('follow a change made in another tab, without writing it back', () => {
    const seen: number[] = []
    const stop = subscribeChaos((settings) => seen.push(settings.serverErrorRate))
    const written = JSON.stringify({ ...defaultChaos, serverErrorRate: 1, serverErrorKind: '503' })
    localStorage.setItem(chaosStorageKey, written)
    const setItem = vi.spyOn(Storage.prototype, 'setItem')
    window.dispatchEvent(new StorageEvent('storage', { key: chaosStorageKey, newValue: written }))
    stop()
    expect(getChaos()).toMatchObject({ serverErrorRate: 1, serverErrorKind: '503' })
    expect(seen).toEqual([1])
    expect(setItem).not.toHaveBeenCalled()
    setItem.mockRestore()
  })

  it('start as a well-behaved API', () => {
    expect(getChaos()).toEqual({
      latencyMs: 0,
      serverErrorRate: 0,
      serverErrorKind: 'mixed',
      networkErrorRate: 0,
      hangRate: 0,
      envelopeErrorRate: 0,
      malformedJsonRate: 0,
      forceEmpty: false,
      rateLimited: false,
      unsizedDownloads: false,
      slowOrders: false,
    })
    expect(getChaos()).toEqual(defaultChaos)
  })

  it('change only the patched fields and give a new frozen object (usable with useSyncExternalStore)', () => {
    const before = getChaos()
    setChaos({ serverErrorRate: 0.5, serverErrorKind: '503' })
    const after = getChaos()
    expect(after).not.toBe(before)
    expect(after).toEqual({ ...defaultChaos, serverErrorRate: 0.5, serverErrorKind: '503' })
    expect(Object.isFrozen(after)).toBe(true)
    expect(getChaos()).toBe(after)
  })

  it.each([
    [{ latencyMs: 99_999 }, { latencyMs: 5000 }],
    [{ latencyMs: -10 }, { latencyMs: 0 }],
    [{ latencyMs: 12.6 }, { latencyMs: 13 }],
    [{ latencyMs: Number.NaN }, { latencyMs: 0 }],
    [{ serverErrorRate: 2 }, { serverErrorRate: 1 }],
    [{ hangRate: -1 }, { hangRate: 0 }],
    [{ networkErrorRate: Number.POSITIVE_INFINITY }, { networkErrorRate: 0 }],
  ])('clamp or ignore out-of-range numbers: %o', (patch, expected) => {
    setChaos(patch)
    expect(getChaos()).toEqual({ ...defaultChaos, ...expected })
  })

  it('persist every change to localStorage under ferry-demo:chaos', () => {
    setChaos({ rateLimited: true, latencyMs: 800 })
    expect(chaosStorageKey).toBe('ferry-demo:chaos')
    expect(JSON.parse(localStorage.getItem('ferry-demo:chaos') ?? 'null')).toEqual({
      ...defaultChaos,
      rateLimited: true,
      latencyMs: 800,
    })
  })

  it('survive a reload: a fresh module reads the saved settings', async () => {
    setChaos({ forceEmpty: true, serverErrorKind: '502-html', malformedJsonRate: 0.25 })
    vi.resetModules()
    const reloaded = await import('./chaos.js')
    expect(reloaded.getChaos()).toEqual({
      ...defaultChaos,
      forceEmpty: true,
      serverErrorKind: '502-html',
      malformedJsonRate: 0.25,
    })
  })

  it('ignore corrupt or hostile saved settings, keeping the valid fields', async () => {
    localStorage.setItem(
      chaosStorageKey,
      JSON.stringify({
        latencyMs: '9000',
        hangRate: 0.1,
        serverErrorKind: 'teapot',
        forceEmpty: 'yes',
        extra: 1,
      }),
    )
    vi.resetModules()
    expect((await import('./chaos.js')).getChaos()).toEqual({ ...defaultChaos, hangRate: 0.1 })

    localStorage.setItem(chaosStorageKey, '{not json')
    vi.resetModules()
    expect((await import('./chaos.js')).getChaos()).toEqual(defaultChaos)
  })

  it('reset to the defaults and forget the saved settings', () => {
    setChaos({ rateLimited: true })
    resetChaos()
    expect(getChaos()).toEqual(defaultChaos)
    expect(localStorage.getItem(chaosStorageKey)).toBeNull()
  })

  it('notify subscribers of every change until they unsubscribe', () => {
    const listener = vi.fn()
    const unsubscribe = subscribeChaos(listener)
    setChaos({ hangRate: 1 })
    expect(listener).toHaveBeenLastCalledWith({ ...defaultChaos, hangRate: 1 })
    resetChaos()
    expect(listener).toHaveBeenLastCalledWith(defaultChaos)
    unsubscribe()
    setChaos({ hangRate: 0.5 })
    expect(listener).toHaveBeenCalledTimes(2)
  })

  it('keep working when localStorage throws', () => {
    const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    setChaos({ latencyMs: 100 })
    expect(getChaos().latencyMs).toBe(100)
    spy.mockRestore()
  })
})
