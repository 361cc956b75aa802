// A size spike, not shipped and not maintained: today's core (execute and the modules it imports) rewritten as one
// compact file, every feature kept, wired to no test. It answers "how small can this core be?" for issue 9's
// 4,000 B target. ablate.mjs bundles it as bench/size.mjs bundles Ferry, and removes each feature's regions to
// show what that feature costs. Written 2026-12-06 against main 4b27961; regions for the controls, unwrap, stream
// mode and the steps' wiring added against d93327f, so ablate.mjs can keep DESIGN.md's core alone.
// errors
const BRAND = Symbol.for('ferry.error')
export class FerryError extends Error {
  [BRAND] = true
  constructor(what, init, retryable = false) {
    const { request, cause } = init
    super(
      `${request.method} ${request.url} (request ${request.requestId})${what}`,
      cause === undefined ? undefined : { cause },
    )
    this.request = request
    this.attempts = init.attempts ?? 1
    this.retryable = init.retryable ?? retryable
  }
}
export class HttpError extends FerryError {
  kind = 'http'
  name = 'HttpError'
  constructor(init) {
    const { response: r, problem: p, retryAfterMs: ms } = init
    const summary = init.note ?? p?.detail ?? p?.title
    super(
      ` failed with ${r.status} ${r.statusText}${summary ? `: ${summary}` : ''}${ms === undefined ? '' : `; retry after ${Math.ceil(ms / 1e3)} s`}`,
      init,
    )
    Object.assign(this, {
      status: r.status,
      statusText: r.statusText,
      headers: r.headers,
      body: init.body,
      problem: p,
      retryAfterMs: ms,
    })
  }
}
export class NetworkError extends FerryError {
  kind = 'network'
  name = 'NetworkError'
  constructor(init) {
    super(
      ` failed before a complete response${init.cause instanceof Error ? `: ${init.cause.message}` : ''}; check the connection, URL and CORS`,
      init,
      true,
    )
  }
}
export class TimeoutError extends FerryError {
  kind = 'timeout'
  name = 'TimeoutError'
  constructor(init) {
    super(
      ` timed out after ${init.timeoutMs} ms (${init.scope === 'attempt' ? 'timeout' : 'totalTimeout'}); raise it if the server needs longer`,
      init,
      true,
    )
    this.timeoutMs = init.timeoutMs
    this.scope = init.scope
  }
}
export class ParseError extends FerryError {
  kind = 'parse'
  name = 'ParseError'
  constructor(init) {
    super(
      `: ${init.reason} (Content-Type: ${init.contentType}), starts with ${JSON.stringify(init.text.slice(0, 80))}`,
      init,
    )
    this.text = init.text.slice(0, 1024)
    this.contentType = init.contentType
  }
}
export class ValidationError extends FerryError {
  kind = 'validation'
  name = 'ValidationError'
  constructor(init) {
    const { issues } = init
    super(
      `: the response does not match the schema: ${issues
        .slice(0, 3)
        .map((i) => `${i.path?.map((s) => s.key ?? s).join('.') || '(root)'}: ${i.message}`)
        .join('; ')}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ''}`,
      init,
    )
    this.issues = issues
    this.value = init.value
  }
}
export const isFerryError = (e) => e?.[BRAND] === true

// timers
const MAX = 2 ** 31 - 1
export const timerValue = (name, value) => {
  if (value === false || value === Infinity) return
  if (!(value >= 0))
    throw new TypeError(
      `Ferry: \`${name}\` must be a number of ms (0 or more), or false or Infinity for none; got ${value}.`,
    )
  return value
}
const startTimer = (ms, fire) => {
  let timer
  const arm = (left) => (timer = setTimeout(left > MAX ? () => arm(left - MAX) : fire, Math.min(left, MAX)))
  arm(ms)
  return () => clearTimeout(timer)
}

// signals
class Link {
  timedOut = false
  #cut
  #stop
  #off
  constructor(parent, ms) {
    let abort = () => this.#cut?.()
    this.signal = parent
    if (ms !== undefined) {
      const c = new AbortController()
      this.signal = c.signal
      abort = (reason) => {
        c.abort(reason)
        this.#cut?.()
      }
      if (ms > 0)
        this.#stop = startTimer(ms, () => {
          this.timedOut = true
          abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'))
        })
      else {
        this.timedOut = true
        abort(new DOMException('timed out', 'TimeoutError'))
      }
    }
    if (parent?.aborted) abort(parent.reason)
    else if (parent) {
      const on = () => abort(parent.reason)
      parent.addEventListener('abort', on)
      this.#off = () => parent.removeEventListener('abort', on)
    }
  }
  race(promise, late, fail = (e) => e) {
    return new Promise((resolve, reject) => {
      let cut
      this.#cut = () => {
        cut = true
        reject(fail(this.signal?.reason))
      }
      if (this.signal?.aborted) this.#cut()
      promise.then(
        (v) => (cut ? late?.(v) : resolve(v)),
        (e) => reject(fail(e)),
      )
    })
  }
  stopTimer() {
    this.#stop?.()
  }
  dispose() {
    this.#stop?.()
    this.#off?.()
  }
}
const sleep = (ms, signal) => {
  const link = new Link(signal)
  let stop
  return link
    .race(
      new Promise((resolve) => {
        stop = startTimer(ms, resolve)
      }),
    )
    .finally(() => {
      stop()
      link.dispose()
    })
}

// url
const SCHEME = /^[a-z][a-z\d+.-]*:/i
const buildUrl = (base, path, params, query) => {
  let url = path.replace(/(^|\/):([A-Za-z_]\w*)/g, (_, slash, name) => {
    const value = params?.[name]
    if (value === undefined || /^\.{0,2}$/.test(value))
      throw new TypeError(
        `Ferry: path param "${name}" of "${path}" is ${JSON.stringify(value)}; give a non-empty value other than . and ..`,
      )
    return slash + encodeURIComponent(value)
  })
  if (base && !SCHEME.test(url)) url = base.replace(/\/+$/, '') + (url && `/${url.replace(/^\/+/, '')}`)
  const search = query ? toSearch(query) : ''
  return search
    ? url.replace(/^[^#]*/, (t) => t + (/[?&]$/.test(t) ? '' : t.includes('?') ? '&' : '?') + search)
    : url
}
const record = (q) =>
  q instanceof URLSearchParams ? Object.fromEntries([...q.keys()].map((k) => [k, q.getAll(k)])) : q
export const mergeQuery = (a, b) => (a && b ? { ...record(a), ...record(b) } : (b ?? a))
const toSearch = (query) => {
  const s = new URLSearchParams(query instanceof URLSearchParams ? query : undefined)
  if (!(query instanceof URLSearchParams))
    for (const [k, vs] of Object.entries(query))
      for (const v of [vs].flat()) if (v != null) s.append(k, v instanceof Date ? v.toISOString() : v)
  return `${s}`
}
const origin = (value, here) => {
  try {
    return new URL(value, here).origin
  } catch {}
}
const isTrustedUrl = (url, base, allowed = []) => {
  const here = globalThis.location?.href ?? 'http://ferry.invalid'
  const target = origin(url, here)
  return !!target && [here, base ?? here, ...allowed].some((t) => origin(t, here) === target)
}
const redactUrl = (url, names = []) =>
  names.length
    ? url.replace(/\?[^#]*/, (q) =>
        q.replace(/([?&])([^=&]*)=[^&]*/g, (pair, sep, name) =>
          names.includes(decodeURIComponent(name)) ? `${sep}${name}=%5Bredacted%5D` : pair,
        ),
      )
    : url

// headers
export const mergeHeaders = (...inits) => {
  const h = new Headers()
  for (const init of inits)
    for (const [k, v] of init ? (Symbol.iterator in init ? new Headers(init) : Object.entries(init)) : [])
      v === undefined ? h.delete(k) : h.set(k, v)
  return h
}
const ACCEPT = {
  auto: 'application/json, text/plain;q=0.9, */*;q=0.8',
  json: 'application/json',
  text: 'text/*',
  formData: 'multipart/form-data, application/x-www-form-urlencoded',
  stream: 'application/x-ndjson',
}
export const randomId = () =>
  crypto.randomUUID?.() ??
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (d) =>
    (d ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (d / 4)))).toString(16),
  )

// body-send
const serializeBody = (body, headers, method, stringify = JSON.stringify) => {
  if (body == null) return {}
  if (method === 'GET' || method === 'HEAD')
    throw new TypeError(`Ferry: a ${method} request cannot have a body; send it in \`query\`.`)
  if (body instanceof ReadableStream) return { body, stream: 1 }
  //#region async-iterable-bodies
  if (body?.[Symbol.asyncIterator]) {
    const it = body[Symbol.asyncIterator]()
    return {
      body: new ReadableStream({
        async pull(c) {
          const { done, value } = await it.next()
          done ? c.close() : c.enqueue(typeof value === 'string' ? new TextEncoder().encode(value) : value)
        },
        cancel: (r) => it.return?.(r),
      }),
      stream: 1,
    }
  }
  //#endregion
  const type = headers.get('content-type')
  //#region form-data-warning
  if (body instanceof FormData && /^multipart\/form-data(?!.*boundary=)/i.test(type)) {
    headers.delete('content-type')
    return {
      body,
      warning: `Removed Content-Type "${type}": the runtime sets a FormData body's, with the boundary.`,
    }
  }
  //#endregion
  if (
    typeof body === 'string' ||
    [FormData, Blob, URLSearchParams, ArrayBuffer].some((t) => body instanceof t) ||
    ArrayBuffer.isView(body)
  )
    return { body }
  type || headers.set('content-type', 'application/json')
  return { body: stringify(body) }
}

// body-read
const JSON_TYPE = /[/+]json$/
const mediaType = (r) => (r.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
const noBody = ({ status, headers }, method) =>
  [204, 205, 304].includes(status) || method === 'HEAD' || headers.get('content-length') === '0'
const readBody = async (response, as, method, request, parse = JSON.parse) => {
  if (noBody(response, method)) return
  const media = mediaType(response)
  const kind =
    as !== 'auto'
      ? as
      : media
        ? JSON_TYPE.test(media)
          ? 'json'
          : /^text\/|[/+]xml$/.test(media)
            ? 'text'
            : /^(multipart\/form-data|application\/x-www-form-urlencoded)$/.test(media)
              ? 'formData'
              : 'blob'
        : ''
  if (kind === 'blob' || kind === 'arrayBuffer') return response[kind]()
  const fail = (text, reason, cause) =>
    new ParseError({ request, text, contentType: response.headers.get('content-type'), reason, cause })
  if (kind === 'formData') {
    const bytes = await response.arrayBuffer()
    try {
      return await new Response(bytes, { headers: response.headers }).formData()
    } catch (cause) {
      throw fail(new TextDecoder().decode(bytes.slice(0, 1024)), 'malformed form data', cause)
    }
  }
  const text = await response.text()
  if (kind !== 'json') return kind ? text : text || undefined
  if (!text.trim()) return
  if (media === 'text/html')
    throw fail(text, 'expected JSON but received an HTML page (a proxy or error page?)')
  try {
    return parse(text)
  } catch (cause) {
    throw fail(text, 'invalid JSON', cause)
  }
}
const LIMIT = 65536
const readErrorBody = async (response, method, parse = JSON.parse) => {
  let text = ''
  //#region error-body-cap
  const reader = noBody(response, method) ? undefined : response.body?.getReader()
  const decoder = new TextDecoder()
  for (let size = 0; reader; ) {
    const { done, value } = await reader.read()
    if (done) break
    text += decoder.decode(value.subarray(0, LIMIT - size), { stream: true })
    size += value.length
    if (size >= LIMIT) {
      reader.cancel().catch(() => {})
      break
    }
  }
  text += decoder.decode()
  //#endregion
  const media = mediaType(response)
  let body = text || undefined
  try {
    if (text && JSON_TYPE.test(media)) body = parse(text)
  } catch {}
  // biome-ignore lint/style/useConst: assigned in a region that ablate.mjs removes.
  let problem
  //#region problem-json
  problem = media === 'application/problem+json' && body?.constructor === Object ? body : undefined
  //#endregion
  return { body, problem }
}
export const cancelBody = (r) => r.body?.cancel().catch(() => {})

// http-date
const DATE =
  /^(?:\w{3}, (\d\d) (\w{3}) (\d{4})|\w{6,9}, (\d\d)-(\w{3})-(\d\d)|\w{3} (\w{3}) ([ \d]\d)) (\d\d):(\d\d):(\d\d) (?:GMT|(\d{4}))$/
const parseHttpDate = (value, now) => {
  const m = DATE.exec(value)
  if (!m || !m[7] !== !m[12]) return
  const day = +(m[1] || m[4] || m[8])
  const month = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(m[2] || m[5] || m[7]) / 3
  let year = +(m[3] || m[6] || m[12])
  if (m[6]) {
    const y = new Date(now).getUTCFullYear()
    year += y - (y % 100)
    if (year > y + 50) year -= 100
  }
  const at = Date.UTC(year, month, day, m[9], m[10], m[11])
  return month % 1 || new Date(at).getUTCDate() !== day || m[9] > 23 || m[10] > 59 || m[11] > 60
    ? undefined
    : at
}

// retry timing
const wait = (value, now, reset) => {
  value = value?.trim()
  if (!value) return
  let date = NaN
  //#region http-date
  date = parseHttpDate(value, now)
  //#endregion
  const ms = /^\d+$/.test(value) ? value * 1e3 - (reset && value > 1e9 ? now : 0) : reset ? NaN : date - now
  return ms < Infinity ? Math.max(0, ms) : undefined
}
const retryAfterMs = (response, now = Date.now()) => {
  const h = (n) => response.headers.get(n)
  const spent =
    response.status === 429 || /^\s*0+\s*$/.test(h('x-ratelimit-remaining') ?? h('ratelimit-remaining'))
  let ms = wait(h('retry-after'), now)
  //#region ratelimit-reset
  ms ??= spent ? (wait(h('ratelimit-reset'), now, 1) ?? wait(h('x-ratelimit-reset'), now, 1)) : undefined
  //#endregion
  return ms
}

// retry
const DEFAULTS = {
  limit: 2,
  statuses: [408, 429, 500, 502, 503, 504],
  methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
  baseDelay: 300,
  maxDelay: 1e4,
  maxRetryAfter: 6e4,
  retryOnTimeout: true,
}
export const toOptions = (v) =>
  v === false ? { limit: 0 } : typeof v === 'number' ? { limit: v } : (v ?? {})
export const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
export const resolveRetry = (...layers) => {
  const policy = Object.assign({}, DEFAULTS, ...layers.map((l) => defined(toOptions(l))))
  for (const key of ['limit', 'baseDelay', 'maxDelay', 'maxRetryAfter'])
    if (!(policy[key] >= 0) || (key === 'limit' && !Number.isInteger(policy[key])))
      throw new TypeError(
        `Ferry: \`retry.${key}\` must be a non-negative ${key === 'limit' ? 'integer' : 'number'}; got ${policy[key]}.`,
      )
  return policy
}
const retryAllowed = (s) => s.mayRetry && s.retries < s.policy.limit && s.now < s.deadline
const decideRetry = (error, state) => {
  const { policy, verdict } = state
  const http = error instanceof HttpError
  const { kind } = error
  const reason = http
    ? 'status'
    : kind === 'network' || kind === 'timeout'
      ? kind
      : verdict
        ? 'custom'
        : undefined
  const ruled = http
    ? error.retryable
    : kind === 'network' ||
      (kind === 'timeout' && policy.retryOnTimeout && error.scope === 'attempt' && error.timeoutMs !== 0)
  if (!reason || !(verdict ?? ruled) || !retryAllowed(state)) return
  const after = http ? error.retryAfterMs : undefined
  if (after > policy.maxRetryAfter) return
  const delayMs =
    after ??
    (policy.delay
      ? policy.delay(state.retries + 1, error)
      : Math.round(Math.random() * Math.min(policy.maxDelay, policy.baseDelay * 2 ** state.retries)))
  if (!(delayMs >= 0))
    throw new TypeError(`Ferry: \`retry.delay\` must return a number of ms (0 or more); got ${delayMs}.`)
  return state.now + delayMs < state.deadline ? { reason, delayMs } : undefined
}

// middleware
export const compose = (chain, last) =>
  chain.reduceRight((next, step) => (step ? (r) => step(r, next) : next), last)

// execute
const ignore = () => {}
const statusOf = (e) => (e instanceof HttpError ? { status: e.status } : {})
async function execute(ctx, method, path, options, mode, whole) {
  const client = ctx.options
  const started = Date.now()
  method = method.toUpperCase()
  const policy = options.retry === undefined ? ctx.retry : resolveRetry(client.retry, options.retry)
  const attemptTimeout = options.timeout === undefined ? ctx.timeout : timerValue('timeout', options.timeout)
  const totalTimeout =
    options.totalTimeout === undefined ? ctx.totalTimeout : timerValue('totalTimeout', options.totalTimeout)
  let query = options.query
  //#region controls
  query = mergeQuery(client.query, query)
  //#endregion
  const url = buildUrl(client.baseUrl, path, options.params, query)
  //#region url-checks
  if (!SCHEME.test(url) && typeof location === 'undefined')
    throw new TypeError(`Ferry: the relative URL "${url}" needs a \`baseUrl\` outside a browser.`)
  if (url.includes('@') && /^(?:[a-z][a-z\d+.-]*:[\\/]*|[\\/]{2})[^/?#\\]*@/i.test(url))
    throw new TypeError('Ferry: the URL holds credentials; use `auth: basic({ username, password })`.')
  //#endregion
  let trusted = true
  //#region trusted-origins
  trusted = (client.baseUrl && !SCHEME.test(path)) || ctx.trusts(url)
  //#endregion
  const headers = mergeHeaders(client.headers, options.headers)
  const own = client.headers || options.headers
  const requestId = (own && headers.get('x-request-id')) ?? randomId()
  const request = { method, url, requestId }
  //#region redact-query
  request.url = redactUrl(url, client.redactQuery)
  //#endregion
  let emit = ignore
  //#region events
  const observer = client.events
  if (observer) emit = (event) => observer.report(request, event)
  //#endregion
  if (!own || !headers.has('accept')) headers.set('accept', ACCEPT[mode] ?? '*/*')
  if (trusted) headers.set('x-request-id', requestId)
  const key = options.idempotencyKey === true ? randomId() : options.idempotencyKey || undefined
  if (key) headers.set('idempotency-key', key)
  // biome-ignore lint/style/useConst: assigned in a region that ablate.mjs removes.
  let stringify
  //#region controls
  stringify = options.stringifyJson ?? client.stringifyJson
  //#endregion
  const sent = serializeBody(options.body, headers, method, stringify)
  if (sent.warning) emit({ type: 'warning', message: sent.warning })
  let init = { method, body: sent.body ?? null }
  //#region controls
  init = { ...client.init, ...options.init, ...init }
  //#endregion
  if (!trusted) init.credentials = 'same-origin'
  if (sent.stream) init.duplex = 'half'
  const deadline = started + (totalTimeout ?? Infinity)
  const caller = options.signal ?? undefined
  const call = new Link(caller, totalTimeout)
  const raw = mode === 'response' || mode === 'stream'
  let parse = JSON.parse
  //#region controls
  parse = options.parseJson ?? client.parseJson ?? parse
  const throws = options.throwHttpErrors ?? client.throwHttpErrors ?? true
  //#endregion
  const steps = options.use ? [...ctx.outer, ...options.use, ...ctx.inner] : ctx.chain
  const guard = (v) => call.race(Promise.resolve(v))
  let attempt = 0
  let link
  let cutByTotal = false
  const onTheWire = (thrown) => (caller?.aborted ? caller.reason : classify(thrown))
  const classify = (thrown) => {
    if (isFerryError(thrown)) return thrown
    const total = (call.timedOut || (cutByTotal && link?.timedOut)) && totalTimeout !== undefined
    const timeoutMs = total ? totalTimeout : link?.timedOut ? attemptTimeout : undefined
    const i = { request, attempts: attempt, cause: thrown }
    return timeoutMs === undefined
      ? new NetworkError(i)
      : new TimeoutError({ ...i, timeoutMs, scope: total ? 'total' : 'attempt' })
  }
  const transport = (sending) => {
    link?.dispose()
    const remaining = deadline - Date.now()
    cutByTotal = (attemptTimeout ?? Infinity) >= remaining
    const ms = Math.min(attemptTimeout ?? Infinity, remaining)
    link = new Link(call.signal, ms < Infinity ? Math.max(0, ms) : undefined)
    if (link.signal?.aborted) return Promise.reject(link.signal.reason)
    if (emit !== ignore) emit({ type: 'request', attempt })
    const sendInit = sending.init === init ? init : { ...sending.init }
    sendInit.headers = sending.headers
    sendInit.signal = link.signal ?? null
    let fetched
    try {
      fetched = (client.fetch ?? fetch)(sending.url, sendInit)
    } catch (thrown) {
      fetched = Promise.reject(thrown)
    }
    return link.race(fetched, cancelBody, onTheWire)
  }
  const fail = async (thrown, callerCode) => {
    link?.dispose()
    let kind = 'caller'
    if (!caller?.aborted && !(callerCode && !call.timedOut)) {
      let error = classify(thrown)
      error.attempts = attempt
      thrown = error
      kind = error.kind
      //#region hooks
      try {
        for (const step of steps)
          error = (step?.beforeError && (await guard(step.beforeError(error)))) || error
        thrown = error
        kind = error.kind
      } catch (hookThrew) {
        if (call.signal?.aborted) kind = error.kind
        else thrown = hookThrew
      }
      //#endregion
    }
    call.dispose()
    const durationMs = Date.now() - started
    if (caller?.aborted) {
      emit({ type: 'abort', attempt, durationMs })
      return caller.reason
    }
    emit({ type: 'error', attempt, kind, durationMs, ...statusOf(thrown) })
    return thrown
  }
  const send = compose(steps, transport)
  for (let retries = 0; ; ) {
    attempt = retries + 1
    link = undefined
    try {
      const sending = send({
        url,
        method,
        headers: send === transport ? headers : new Headers(headers),
        init,
        signal: call.signal,
        timeout: attemptTimeout,
        attempt,
        request,
        trusted,
        trusts: ctx.trusts,
        maxWait: policy.maxRetryAfter,
        emit,
      })
      const response = await (send === transport ? sending : call.race(sending, cancelBody))
      link ??= new Link(call.signal)
      const window = link
      const status = response.status
      if (!response.ok && status !== 304) {
        let fails = true
        //#region controls
        try {
          fails = typeof throws === 'function' ? throws(status) : throws
        } catch (thrown) {
          cancelBody(response)
          throw thrown
        }
        //#endregion
        if (fails) {
          const { body, problem } = await window.race(
            readErrorBody(response, method, parse),
            undefined,
            onTheWire,
          )
          throw new HttpError({
            request,
            response,
            body,
            problem,
            retryAfterMs: retryAfterMs(response),
            retryable: policy.statuses.includes(status),
          })
        }
      }
      let data = response
      if (raw) window.stopTimer()
      else {
        data = await window.race(readBody(response, mode, method, request, parse), undefined, (thrown) => {
          cancelBody(response)
          return onTheWire(thrown)
        })
        window.dispose()
      }
      //#region unwrap
      const unwrap = options.unwrap ?? client.unwrap
      if (!raw && unwrap) data = await call.race(unwrap(data, response, request))
      //#endregion
      //#region schema
      if (!raw && options.schema) {
        const result = await call.race(Promise.resolve(options.schema['~standard'].validate(data)))
        if (result.issues) throw new ValidationError({ request, issues: result.issues, value: data })
        data = result.value
      }
      //#endregion
      let ended = false
      const end = (thrown, callerCode) => {
        if (ended) return thrown
        ended = true
        if (thrown !== undefined) return fail(thrown, callerCode)
        window.dispose()
        call.dispose()
        if (emit !== ignore) emit({ type: 'success', attempt, status, durationMs: Date.now() - started })
      }
      //#region stream-mode
      if (mode === 'stream' && response.body)
        return { data, response, request, race: (p) => window.race(p), end, parse }
      //#endregion
      end()
      return whole ? { data, response, request } : data
    } catch (thrown) {
      link?.dispose()
      if (caller?.aborted || !(isFerryError(thrown) || call.timedOut || link?.timedOut))
        throw await fail(thrown, true)
      const error = classify(thrown)
      error.attempts = attempt
      let decision
      try {
        const mayRetry = !sent.stream && (!!key || policy.methods.some((m) => m.toUpperCase() === method))
        const state = { policy, retries, mayRetry, now: Date.now(), deadline }
        // biome-ignore lint/style/useConst: assigned in a region that ablate.mjs removes.
        let verdict
        //#region hooks
        verdict =
          policy.shouldRetry && retryAllowed(state)
            ? await guard(policy.shouldRetry({ error, attempt, retries }))
            : undefined
        //#endregion
        decision = decideRetry(error, { ...state, verdict, now: Date.now() })
        //#region hooks
        for (const step of steps)
          if (
            decision &&
            step?.beforeRetry &&
            (await guard(
              step.beforeRetry({ request, error, attempt: attempt + 1, delayMs: decision.delayMs }),
            )) === false
          )
            decision = undefined
        //#endregion
      } catch (hookThrew) {
        throw await fail(hookThrew, true)
      }
      if (!decision) throw await fail(error)
      retries++
      const info = { attempt: attempt + 1, limit: policy.limit, ...decision }
      emit({ type: 'retry', ...info, ...statusOf(error) })
      //#region hooks
      try {
        options.onRetry?.({ ...info, error })
      } catch {}
      //#endregion
      try {
        await sleep(decision.delayMs, call.signal)
      } catch (aborted) {
        throw await fail(aborted)
      }
    }
  }
}

// client
export function createClient(options = {}) {
  const { baseUrl, allowedOrigins } = options
  let outer = options.use ?? []
  let inner = []
  //#region step-plumbing
  outer = [options.circuitBreaker?.middleware, options.rateLimit?.middleware, ...outer]
  inner = [options.auth, options.events?.around(options.auth)]
  //#endregion
  const ctx = {
    options,
    retry: resolveRetry(options.retry),
    timeout: timerValue('timeout', options.timeout ?? 1e4),
    totalTimeout: timerValue('totalTimeout', options.totalTimeout ?? false),
    chain: [...outer, ...inner],
    outer,
    inner,
    trusts: (url) => isTrustedUrl(url, baseUrl, allowedOrigins),
  }
  //#region stream-mode
  const run = (method, path, init, mode) => execute(ctx, method, path, init, mode, true)
  //#endregion
  const request = (method, path, init = {}) => execute(ctx, method, path, init, init.as ?? 'auto')
  const bind = (method) => (path, init) => request(method, path, init)
  return {
    request,
    get: bind('GET'),
    post: bind('POST'),
    put: bind('PUT'),
    patch: bind('PATCH'),
    delete: bind('DELETE'),
    head: (path, init = {}) => execute(ctx, 'HEAD', path, init, 'response'),
    extend: ({ circuitBreaker, rateLimit, ...child }) =>
      createClient({
        ...options,
        ...child,
        headers: mergeHeaders(options.headers, child.headers),
        //#region controls
        query: mergeQuery(options.query, child.query),
        init: { ...options.init, ...child.init },
        //#endregion
        retry:
          typeof child.retry === 'object'
            ? { ...toOptions(options.retry), ...defined(child.retry) }
            : (child.retry ?? options.retry),
        use: [...(options.use ?? []), ...(child.use ?? [])],
        //#region step-plumbing
        circuitBreaker: circuitBreaker === false ? undefined : (circuitBreaker ?? options.circuitBreaker),
        rateLimit: rateLimit === false ? undefined : (rateLimit ?? options.rateLimit),
        //#endregion
      }),
    //#region step-plumbing
    circuit: options.circuitBreaker,
    limiter: options.rateLimit,
    //#endregion
    options,
    //#region stream-mode
    run,
    //#endregion
  }
}
