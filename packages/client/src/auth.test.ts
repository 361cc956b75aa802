import { Buffer } from 'node:buffer'
import { describe, expect, it, vi } from 'vitest'
import { apiKey, basic, bearer } from './auth.js'

/** A promise settled from outside (Promise.withResolvers needs Node 22). */
function deferred<T>() {
  let resolve: (value: T) => void = () => {}
  let reject: (reason: unknown) => void = () => {}
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets pending promise callbacks run. */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

async function applied(auth: { apply(headers: Headers): number | Promise<number> }) {
  const headers = new Headers()
  const generation = await auth.apply(headers)
  return { headers, generation }
}

function decodeBasic(header: string | null): string {
  expect(header).toMatch(/^Basic [A-Za-z0-9+/]+=*$/)
  return Buffer.from(String(header).slice('Basic '.length), 'base64').toString('utf8')
}

describe('bearer', () => {
  describe('apply', () => {
    it.each<[string, Parameters<typeof bearer>[0]['token'], string | null]>([
      ['a string token', 'abc', 'Bearer abc'],
      ['a sync function token', () => 'fn-token', 'Bearer fn-token'],
      ['an async function token', async () => 'async-token', 'Bearer async-token'],
      ['an empty string token sends no header', '', null],
      ['a function returning null sends no header', () => null, null],
      ['a function returning undefined sends no header', () => undefined, null],
      ['a function returning an empty string sends no header', () => '', null],
      ['an async function resolving to null sends no header', async () => null, null],
    ])('%s', async (_name, token, expected) => {
      const { headers, generation } = await applied(bearer({ token }))
      expect(headers.get('Authorization')).toBe(expected)
      expect(generation).toBe(0)
    })

    it('evaluates a function token on every attempt', async () => {
      let n = 0
      const token = vi.fn(() => `t${++n}`)
      const auth = bearer({ token })
      expect((await applied(auth)).headers.get('Authorization')).toBe('Bearer t1')
      expect((await applied(auth)).headers.get('Authorization')).toBe('Bearer t2')
      expect(token).toHaveBeenCalledTimes(2)
    })

    it('does not read the token when the auth is created', () => {
      const token = vi.fn(() => 'x')
      bearer({ token })
      expect(token).not.toHaveBeenCalled()
    })

    it('replaces an Authorization header already present', async () => {
      const headers = new Headers({ Authorization: 'Bearer stale' })
      await bearer({ token: 'fresh' }).apply(headers)
      expect(headers.get('Authorization')).toBe('Bearer fresh')
    })

    it('rejects when the token function rejects', async () => {
      const failure = new Error('session store unavailable')
      const auth = bearer({ token: () => Promise.reject(failure) })
      await expect(auth.apply(new Headers())).rejects.toBe(failure)
    })
  })

  it('has no refresh without a refresh option, so a 401 is final', () => {
    expect(bearer({ token: 'abc' }).refresh).toBeUndefined()
    expect('refresh' in bearer({ token: 'abc' })).toBe(false)
  })

  describe('refresh', () => {
    it('runs the user refresh once for 10 concurrent callers (single-flight)', async () => {
      const gate = deferred<string>()
      const userRefresh = vi.fn(() => gate.promise)
      const auth = bearer({ token: 'old', refresh: userRefresh })
      const waiters = Array.from({ length: 10 }, () => auth.refresh?.(0))
      await flush()
      gate.resolve('new')
      await expect(Promise.all(waiters)).resolves.toHaveLength(10)
      expect(userRefresh).toHaveBeenCalledTimes(1)
      const { headers, generation } = await applied(auth)
      expect(headers.get('Authorization')).toBe('Bearer new')
      expect(generation).toBe(1)
    })

    it('lets callers that arrive while a refresh runs join it', async () => {
      const gate = deferred<undefined>()
      const userRefresh = vi.fn(() => gate.promise)
      const auth = bearer({ token: 't', refresh: userRefresh })
      const first = auth.refresh?.(0)
      await flush()
      const late = auth.refresh?.(0)
      gate.resolve(undefined)
      await Promise.all([first, late])
      expect(userRefresh).toHaveBeenCalledTimes(1)
    })

    it('does not resolve waiters before the user refresh settles', async () => {
      const gate = deferred<string>()
      const auth = bearer({ token: 'old', refresh: () => gate.promise })
      const settled = vi.fn()
      void auth.refresh?.(0).then(settled)
      await flush()
      expect(settled).not.toHaveBeenCalled()
      gate.resolve('new')
      await flush()
      expect(settled).toHaveBeenCalledTimes(1)
    })

    it('resolves at once without refreshing when another request already refreshed', async () => {
      const userRefresh = vi.fn(async () => 'new')
      const auth = bearer({ token: 'old', refresh: userRefresh })
      await auth.refresh?.(0)
      expect(userRefresh).toHaveBeenCalledTimes(1)
      // a request that used generation 0 got its 401 after the refresh finished
      await auth.refresh?.(0)
      expect(userRefresh).toHaveBeenCalledTimes(1)
      expect((await applied(auth)).headers.get('Authorization')).toBe('Bearer new')
    })

    it('refreshes again when the refreshed credentials are rejected too', async () => {
      let n = 0
      const userRefresh = vi.fn(async () => `t${++n}`)
      const auth = bearer({ token: 't0', refresh: userRefresh })
      await auth.refresh?.(0)
      const { generation } = await applied(auth)
      expect(generation).toBe(1)
      await auth.refresh?.(generation)
      expect(userRefresh).toHaveBeenCalledTimes(2)
      expect(await applied(auth)).toMatchObject({ generation: 2 })
      expect((await applied(auth)).headers.get('Authorization')).toBe('Bearer t2')
    })

    it('keeps re-reading a function token when refresh returns nothing', async () => {
      let stored = 'old'
      const auth = bearer({
        token: () => stored,
        refresh: async () => {
          stored = 'renewed'
        },
      })
      await auth.refresh?.(0)
      expect((await applied(auth)).headers.get('Authorization')).toBe('Bearer renewed')
      stored = 'rotated elsewhere'
      expect((await applied(auth)).headers.get('Authorization')).toBe('Bearer rotated elsewhere')
    })

    it('uses a string returned by refresh as the token from then on, even over a function token', async () => {
      const token = vi.fn(() => 'from-function')
      const auth = bearer({ token, refresh: async () => 'from-refresh' })
      await auth.refresh?.(0)
      expect((await applied(auth)).headers.get('Authorization')).toBe('Bearer from-refresh')
      expect((await applied(auth)).headers.get('Authorization')).toBe('Bearer from-refresh')
      expect(token).not.toHaveBeenCalled()
    })

    it('rejects every waiter with the refresh failure and keeps the old credentials', async () => {
      const failure = new Error('refresh token expired')
      const gate = deferred<string>()
      const userRefresh = vi.fn(() => gate.promise)
      const auth = bearer({ token: 'old', refresh: userRefresh })
      const waiters = Array.from({ length: 5 }, () => auth.refresh?.(0))
      gate.reject(failure)
      const results = await Promise.allSettled(waiters)
      expect(results).toEqual(Array.from({ length: 5 }, () => ({ status: 'rejected', reason: failure })))
      expect(userRefresh).toHaveBeenCalledTimes(1)
      expect(await applied(auth)).toMatchObject({ generation: 0 })
      expect((await applied(auth)).headers.get('Authorization')).toBe('Bearer old')
    })

    it('tries again on a later call after a failed refresh', async () => {
      const userRefresh = vi
        .fn<() => Promise<string>>()
        .mockRejectedValueOnce(new Error('network down'))
        .mockResolvedValueOnce('new')
      const auth = bearer({ token: 'old', refresh: userRefresh })
      await expect(auth.refresh?.(0)).rejects.toThrow('network down')
      await expect(auth.refresh?.(0)).resolves.toBeUndefined()
      expect(userRefresh).toHaveBeenCalledTimes(2)
      expect(await applied(auth)).toMatchObject({ generation: 1 })
    })

    it('rejects (does not throw synchronously) when the user refresh throws synchronously', async () => {
      const failure = new Error('sync failure')
      const auth = bearer({
        token: 'old',
        refresh: () => {
          throw failure
        },
      })
      const result = auth.refresh?.(0)
      await expect(result).rejects.toBe(failure)
      await expect(auth.refresh?.(0)).rejects.toBe(failure)
    })

    it('reports the generation read before an async token, so a refresh landing meanwhile is not repeated', async () => {
      const tokenGate = deferred<string>()
      const userRefresh = vi.fn(async () => undefined)
      const auth = bearer({ token: () => tokenGate.promise, refresh: userRefresh })
      const applying = applied(auth)
      await auth.refresh?.(0)
      tokenGate.resolve('maybe-new')
      const { generation } = await applying
      expect(generation).toBe(0)
      await auth.refresh?.(generation)
      expect(userRefresh).toHaveBeenCalledTimes(1)
    })
  })
})

describe('basic', () => {
  it.each<[string, string, string]>([
    ['Aladdin', 'open sesame', 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='], // RFC 7617 §2
    ['test', '123£', 'Basic dGVzdDoxMjPCow=='], // RFC 7617 §2.1, UTF-8
    ['', '', 'Basic Og=='],
  ])('encodes %j / %j as %s', async (username, password, expected) => {
    const { headers, generation } = await applied(basic({ username, password }))
    expect(headers.get('Authorization')).toBe(expected)
    expect(generation).toBe(0)
  })

  it.each<[string, string]>([
    ['jürgen', 'пароль'],
    ['Zoë', 'mot de passe à accents'],
    ['用户', '密码🔑'],
    ['user', 'pa:ss:word'],
  ])('round-trips non-ASCII and colons through UTF-8: %s', async (username, password) => {
    const { headers } = await applied(basic({ username, password }))
    expect(decodeBasic(headers.get('Authorization'))).toBe(`${username}:${password}`)
  })

  it('replaces an Authorization header already present and has no refresh', () => {
    const auth = basic({ username: 'a', password: 'b' })
    const headers = new Headers({ Authorization: 'Bearer other' })
    expect(auth.apply(headers)).toBe(0)
    expect(decodeBasic(headers.get('Authorization'))).toBe('a:b')
    expect(auth.refresh).toBeUndefined()
  })
})

describe('apiKey', () => {
  it.each<[string, Parameters<typeof apiKey>[0], string, string | null]>([
    ['defaults to the X-API-Key header', { value: 'k1' }, 'X-API-Key', 'k1'],
    ['uses a custom header', { header: 'X-Api-Token', value: 'k2' }, 'X-Api-Token', 'k2'],
    ['reads a sync function', { value: () => 'k3' }, 'X-API-Key', 'k3'],
    ['reads an async function', { value: async () => 'k4' }, 'X-API-Key', 'k4'],
    ['sends no header for an empty value', { value: '' }, 'X-API-Key', null],
    ['sends no header for a function returning empty', { value: () => '' }, 'X-API-Key', null],
  ])('%s', async (_name, options, header, expected) => {
    const { headers, generation } = await applied(apiKey(options))
    expect(headers.get(header)).toBe(expected)
    expect(generation).toBe(0)
  })

  it('does not set X-API-Key when a custom header is named', async () => {
    const { headers } = await applied(apiKey({ header: 'Api-Key', value: 'k' }))
    expect(headers.has('X-API-Key')).toBe(false)
    expect(headers.get('api-key')).toBe('k')
  })

  it('evaluates a function value on every attempt', async () => {
    let n = 0
    const value = vi.fn(async () => `key-${++n}`)
    const auth = apiKey({ value })
    expect((await applied(auth)).headers.get('X-API-Key')).toBe('key-1')
    expect((await applied(auth)).headers.get('X-API-Key')).toBe('key-2')
    expect(value).toHaveBeenCalledTimes(2)
  })

  it('has no refresh', () => {
    expect(apiKey({ value: 'k' }).refresh).toBeUndefined()
  })
})
