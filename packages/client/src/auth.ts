/**
 * Puts credentials on one attempt. Build one with `bearer`, `basic` or `apiKey`, or write your own.
 *
 * @example
 * const tenant: Auth = {
 *   apply(headers) {
 *     headers.set('X-Tenant-Token', tenantToken())
 *     return 0
 *   },
 * }
 */
export interface Auth {
  /**
   * Sets the credential headers of one attempt. Returns the credential generation it used: a number that
   * increases on every successful refresh (always 0 for credentials that never refresh).
   */
  apply(headers: Headers): number | Promise<number>
  /**
   * Present when a 401 can be fixed: refreshes once for all concurrent callers (single-flight). If the
   * generation already moved past `usedGeneration` (another request refreshed meanwhile) it resolves at once
   * without refreshing. Rejects when the user's refresh rejects (all waiters get that rejection); a later
   * call tries again.
   */
  refresh?(usedGeneration: number): Promise<void>
}

type Secret = string | null | undefined
type SecretSource = Secret | (() => Secret | Promise<Secret>)

/** Sets `name` to `prefix + value`, reading a function source now; no header for an empty value. */
async function put(headers: Headers, name: string, source: SecretSource, prefix = ''): Promise<void> {
  const value = typeof source === 'function' ? await source() : source
  if (value) headers.set(name, prefix + value)
}

/**
 * `Authorization: Bearer <token>`. `token` may be a function (sync or async), read on every attempt; a
 * `null`, `undefined` or empty token sends no Authorization header. With `refresh`, a 401 triggers one
 * refresh shared by every request in flight, then a replay; a string it returns becomes the token from
 * then on (return nothing when `token` is a function that will read the new value itself).
 *
 * @example
 * const auth = bearer({
 *   token: () => session.accessToken,
 *   refresh: async () => { session = await renewSession(session.refreshToken) },
 * })
 * const api = createClient({ baseUrl: '/api', auth })
 */
export function bearer(options: {
  token: string | (() => string | null | undefined | Promise<string | null | undefined>)
  // biome-ignore lint/suspicious/noConfusingVoidType: lets `async () => { … }` (Promise<void>) be a refresh
  refresh?: () => Promise<string | undefined | void>
}): Auth {
  let token: SecretSource = options.token
  let generation = 0
  let pending: Promise<void> | undefined
  const userRefresh = options.refresh
  const auth: Auth = {
    async apply(headers) {
      // Read before the token: if a refresh lands meanwhile, a 401 replays instead of refreshing twice.
      const used = generation
      await put(headers, 'Authorization', token, 'Bearer ')
      return used
    },
  }
  if (userRefresh) {
    auth.refresh = (usedGeneration) => {
      if (usedGeneration < generation) return Promise.resolve()
      pending ??= (async () => {
        try {
          const next = await userRefresh()
          if (typeof next === 'string') token = next
          generation++
        } finally {
          pending = undefined
        }
      })()
      return pending
    }
  }
  return auth
}

/**
 * `Authorization: Basic …` (RFC 7617) with the credentials UTF-8 encoded, so non-ASCII names and
 * passwords work.
 *
 * @example
 * const api = createClient({ baseUrl: '/api', auth: basic({ username: 'jürgen', password: 'пароль' }) })
 */
export function basic(options: { username: string; password: string }): Auth {
  const bytes = new TextEncoder().encode(`${options.username}:${options.password}`)
  const value = `Basic ${btoa(String.fromCharCode(...bytes))}`
  return {
    apply(headers) {
      headers.set('Authorization', value)
      return 0
    },
  }
}

/**
 * An API key in a header (`X-API-Key` unless `header` names another). `value` may be a function (sync or
 * async), read on every attempt; an empty value sends no header.
 *
 * @example
 * const api = createClient({ baseUrl: '/api', auth: apiKey({ header: 'X-Api-Token', value: () => store.key }) })
 */
export function apiKey(options: { header?: string; value: string | (() => string | Promise<string>) }): Auth {
  const { header = 'X-API-Key', value } = options
  return {
    async apply(headers) {
      await put(headers, header, value)
      return 0
    },
  }
}
