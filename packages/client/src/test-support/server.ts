/**
 * Real servers on 127.0.0.1 for the client's end-to-end tests: what goes over the wire (raw request targets,
 * reset connections, truncated bodies, servers that never answer) cannot be shown by a mocked fetch.
 * Test-only code: it may use `node:` modules.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import { type AddressInfo, createServer as createNetServer, type Server, type Socket } from 'node:net'
import { afterEach } from 'vitest'

/** One request as the server received it. `url` is the raw request target, exactly as sent. */
export interface ReceivedRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

/** Called for every request once its body has been read; `index` counts requests from 0. */
export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  received: ReceivedRequest,
  index: number,
) => unknown

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  /** Every request received, in arrival order. */
  readonly requests: ReceivedRequest[]
  /** Destroys every open connection, then stops listening. Safe to call twice. */
  close(): Promise<void>
}

/**
 * An HTTP server on 127.0.0.1 and a random port. Each request's body is read before `handler` runs.
 *
 * @example
 * const server = await startServer((_req, res) => res.end('ok'))
 * await fetch(`${server.origin}/x`)
 * await server.close()
 */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: ReceivedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      }
      const index = requests.push(received) - 1
      Promise.resolve(handler(req, res, received, index)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)))
      })
    })
  })
  return listen(server, requests, () => server.closeAllConnections())
}

/**
 * A TCP server that speaks HTTP by hand, for responses `node:http` refuses to produce (a Content-Length
 * larger than the body, a chunk cut in the middle). `onRequest` gets the socket once a request head arrived.
 *
 * @example
 * const server = await startRawServer((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort'))
 */
export async function startRawServer(
  onRequest: (socket: Socket, head: string, index: number) => void,
): Promise<TestServer> {
  const requests: ReceivedRequest[] = []
  const sockets = new Set<Socket>()
  const server = createNetServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let head = ''
    socket.on('data', (chunk: Buffer) => {
      if (head.includes('\r\n\r\n')) return
      head += chunk.toString('latin1')
      if (!head.includes('\r\n\r\n')) return
      const [method = '', url = ''] = head.split(' ')
      const index = requests.push({ method, url, headers: {}, body: Buffer.alloc(0) }) - 1
      onRequest(socket, head, index)
    })
  })
  return listen(server, requests, () => {
    for (const socket of sockets) socket.destroy()
  })
}

async function listen(
  server: Server,
  requests: ReceivedRequest[],
  destroyConnections: () => void,
): Promise<TestServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address: AddressInfo | string | null = server.address()
  if (address === null || typeof address === 'string')
    throw new Error('the test server is not listening on TCP')
  const port = address.port
  let closing: Promise<void> | undefined
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        destroyConnections()
        server.close(() => resolve())
      })
      return closing
    },
  }
}

/** A promise with its resolve function outside: lets a test and a server handler take turns. */
export interface Deferred<T> {
  readonly promise: Promise<T>
  resolve(value: T): void
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined
  const promise = new Promise<T>((done) => {
    resolve = done
  })
  return { promise, resolve }
}

/** Rejects after `ms` (real time) so a test that would hang fails with a message instead. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)
  })
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer))
}

/**
 * `startServer` and `startRawServer` for a test file, with every server they start closed after each test.
 *
 * @example
 * const { http } = useServers()
 * it('…', async () => { const server = await http((_req, res) => res.end('ok')) })
 */
export function useServers(): {
  http(handler: Handler): Promise<TestServer>
  raw(onRequest: (socket: Socket, head: string, index: number) => void): Promise<TestServer>
} {
  const servers: TestServer[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  })
  const track = (server: TestServer) => {
    servers.push(server)
    return server
  }
  return {
    http: async (handler) => track(await startServer(handler)),
    raw: async (onRequest) => track(await startRawServer(onRequest)),
  }
}
