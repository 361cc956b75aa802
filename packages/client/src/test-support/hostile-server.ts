/**
 * A hostile HTTP server on 127.0.0.1 for the soak test: each attempt of each call gets a fault drawn from a
 * seeded generator, keyed by the call's id (in the path, `/soak/<id>`) and the attempt's number, so the same
 * seed gives every call the same story whatever the interleaving. Test-only code: it may use `node:` modules.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the server does with one attempt. */
export type Fault =
  | 'ok'
  | 'slow-ok'
  | 'reset'
  | 'stall-before-headers'
  | 'stall-mid-body'
  | 'truncated'
  | 'invalid-json'
  | 'html'
  | '429-retry-after'
  | '503-retry-after'
  | '503-retry-after-date'
  | '500'

const WEIGHTS: ReadonlyArray<readonly [Fault, number]> = [
  ['ok', 34],
  ['slow-ok', 10],
  ['reset', 8],
  ['stall-before-headers', 4],
  ['stall-mid-body', 4],
  ['truncated', 7],
  ['invalid-json', 6],
  ['html', 4],
  ['429-retry-after', 7],
  ['503-retry-after', 6],
  ['503-retry-after-date', 4],
  ['500', 6],
]
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0)

/** One attempt as the server received it. */
export interface Attempt {
  readonly method: string
  readonly idempotencyKey: string | undefined
  readonly fault: Fault
}

export interface HostileServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  /** Attempts received per call id, in arrival order. */
  readonly calls: Map<number, Attempt[]>
  /** Attempts received per fault. */
  readonly faults: Map<Fault, number>
  /** Destroys every open connection (stalled ones included), then stops listening. */
  close(): Promise<void>
}

/**
 * A mulberry32 generator: 32 bits of state, uniform floats in [0, 1). Small, fast, and the same everywhere,
 * which is all a reproducible soak needs.
 *
 * @example
 * const random = seeded(42)
 * random() // 0.6011037519201636, every time
 */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The fault for attempt `attempt` (1-based) of call `id` under `seed`. */
export function faultFor(seed: number, id: number, attempt: number): Fault {
  // Distinct streams per (seed, id, attempt): mix them into one 32-bit seed.
  let pick = seeded(Math.imul(seed ^ Math.imul(id, 0x9e3779b1), 31) + attempt * 0x85ebca6b)() * TOTAL_WEIGHT
  for (const [fault, weight] of WEIGHTS) {
    pick -= weight
    if (pick < 0) return fault
  }
  return 'ok'
}

/**
 * Starts the server. `delayMs` is the longest server-side pause of `slow-ok` and of the mid-body gap before a
 * truncation; a stall lasts until the client gives up (or `close`).
 *
 * @example
 * const server = await startHostileServer(42)
 * await fetch(`${server.origin}/soak/1`) // whatever faultFor(42, 1, 1) says
 */
export async function startHostileServer(seed: number, delayMs = 20): Promise<HostileServer> {
  const calls = new Map<number, Attempt[]>()
  const faults = new Map<Fault, number>()
  const server = createServer((req, res) => {
    // Read the body to its end first, so a keyless POST counts as received exactly when it was.
    req.resume()
    req.on('end', () => {
      const id = Number(/^\/soak\/(\d+)/.exec(req.url ?? '')?.[1] ?? -1)
      const attempts = calls.get(id) ?? []
      calls.set(id, attempts)
      const fault = faultFor(seed, id, attempts.length + 1)
      const key = req.headers['idempotency-key']
      attempts.push({
        method: req.method ?? '',
        idempotencyKey: typeof key === 'string' ? key : undefined,
        fault,
      })
      faults.set(fault, (faults.get(fault) ?? 0) + 1)
      act(fault, req, res, 1 + Math.floor(seeded(seed + id * 7 + attempts.length)() * delayMs))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address: AddressInfo | string | null = server.address()
  if (address === null || typeof address === 'string') throw new Error('the hostile server is not on TCP')
  const port = address.port
  let closing: Promise<void> | undefined
  return {
    origin: `http://127.0.0.1:${port}`,
    calls,
    faults,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
      return closing
    },
  }
}

const JSON_BODY = JSON.stringify({ ok: true, items: [1, 2, 3] })

function act(fault: Fault, req: IncomingMessage, res: ServerResponse, delay: number): void {
  // A timer the client's disconnect must not leave behind.
  const later = (run: () => void) => {
    const timer = setTimeout(run, delay)
    res.once('close', () => clearTimeout(timer))
  }
  const json = (status: number, headers: Record<string, string> = {}, body = JSON_BODY) => {
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      ...headers,
    })
    res.end(body)
  }
  const faults: Record<Fault, () => void> = {
    ok: () => json(200),
    'slow-ok': () => later(() => json(200)),
    // A TCP RST, as a crashed proxy sends.
    reset: () => req.socket.resetAndDestroy(),
    // Nothing at all, until the client gives up.
    'stall-before-headers': () => undefined,
    'stall-mid-body': () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 })
      res.write('{"items":[')
    },
    truncated: () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 })
      res.write('{"items":[1,2')
      later(() => req.socket.destroy())
    },
    'invalid-json': () => json(200, {}, '{"ok":tru'),
    html: () => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<html><body>502 Bad Gateway</body></html>')
    },
    '429-retry-after': () => json(429, { 'Retry-After': '0' }, '{"error":"slow down"}'),
    '503-retry-after': () =>
      json(503, { 'Retry-After': delay % 2 === 0 ? '0' : '1' }, '{"error":"unavailable"}'),
    // A date in the past: retry at once.
    '503-retry-after-date': () =>
      json(503, { 'Retry-After': 'Sun, 06 Nov 1994 08:49:37 GMT' }, '{"error":"unavailable"}'),
    '500': () => json(500, {}, '{"error":"boom"}'),
  }
  faults[fault]()
}
