// The adapter through a real node:http server on 127.0.0.1: the body arrives as a stream, or pre-read by an
// Express-style middleware (express.raw leaves a Buffer, express.json a parsed object).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import { runInNewContext } from 'node:vm'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebhookError } from './errors.js'
import { createWebhookHandler } from './handler.js'
import { toNodeHandler } from './node-handler.js'
import { signWebhook } from './sign.js'

const SECRET = 'whsec_node_test'
type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

let server: Server | undefined
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

async function start(middleware?: Middleware) {
  const handled: unknown[] = []
  const errors: WebhookError[] = []
  const webhook = toNodeHandler(
    createWebhookHandler({ secret: SECRET, handle: (event) => void handled.push(event) }),
    { onError: (error) => errors.push(error) },
  )
  server = createServer((req, res) => {
    if (middleware) middleware(req, res, () => void webhook(req, res))
    else void webhook(req, res)
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const address: AddressInfo | string | null | undefined = server?.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { url: `http://127.0.0.1:${port}/webhooks`, handled, errors }
}

async function post(url: string, body: string, header?: string) {
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'stripe-signature': header ?? (await signWebhook(body, SECRET)),
    },
  })
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
  })
}

const body = JSON.stringify({ id: 'evt_node', type: 'invoice.paid', data: { note: 'ünïcødé' } })

describe('toNodeHandler', () => {
  it('reads the raw body from the stream, verifies it and answers with the handler status, headers and body', async () => {
    const { url, handled } = await start()
    const response = await post(url, body)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({ outcome: 'handled', id: 'evt_node' })
    expect(handled).toEqual([JSON.parse(body)])
  })

  it('acknowledges a duplicate and refuses a bad signature over the wire', async () => {
    const { url, handled } = await start()
    await post(url, body)
    expect(await (await post(url, body)).json()).toMatchObject({ outcome: 'duplicate' })
    const forged = await post(url, body, await signWebhook(body, 'whsec_forger'))
    expect(forged.status).toBe(400)
    expect(await forged.json()).toMatchObject({ error: 'no-matching-signature' })
    expect(handled).toHaveLength(1)
  })

  it('uses the Buffer that express.raw() left in req.body', async () => {
    const { url, handled } = await start(async (req, _res, next) => {
      Object.assign(req, { body: await readBody(req) })
      next()
    })
    expect((await post(url, body)).status).toBe(200)
    expect(handled).toHaveLength(1)
  })

  it('refuses a req.body that express.json() already parsed with 500, a clear reason and onError', async () => {
    const { url, handled, errors } = await start(async (req, _res, next) => {
      Object.assign(req, { body: JSON.parse((await readBody(req)).toString()) })
      next()
    })
    const response = await post(url, body)
    expect(response.status).toBe(500)
    const answer = await response.json()
    expect(answer).toMatchObject({ outcome: 'refused', error: 'invalid-body' })
    expect(answer.message).toMatch(/already parsed.*express\.raw/)
    expect(errors.map((e) => e.code)).toEqual(['invalid-body'])
    expect(handled).toEqual([])
  })

  it('uses a Buffer from another realm (a vm context) that a middleware left in req.body', async () => {
    const { url, handled } = await start(async (req, _res, next) => {
      const bytes = Array.from(await readBody(req))
      Object.assign(req, { body: runInNewContext('new Uint8Array(bytes)', { bytes }) })
      next()
    })
    const response = await post(url, body)
    expect(await response.json()).toMatchObject({ outcome: 'handled' })
    expect(handled).toHaveLength(1)
  })

  it('answers by the outcome (200) when onResult throws after the event was handled', async () => {
    const handled: unknown[] = []
    const errors: WebhookError[] = []
    const webhook = toNodeHandler(
      createWebhookHandler({
        secret: SECRET,
        handle: (event) => void handled.push(event),
        onResult: () => {
          throw new Error('bug in the logger')
        },
      }),
      { onError: (error) => errors.push(error) },
    )
    server = createServer((req, res) => void webhook(req, res))
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const response = await post(`http://127.0.0.1:${port}/webhooks`, body)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ outcome: 'handled', id: 'evt_node' })
    expect(handled).toHaveLength(1)
    expect(errors).toEqual([])
  })

  it('refuses an unsigned request with 400 while its body is still arriving (nothing buffered first)', async () => {
    const { url, handled } = await start()
    const { port } = new URL(url)
    const socket = connect(Number(port), '127.0.0.1')
    const answer = new Promise<string>((resolve) => {
      let text = ''
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        if (text.includes('\r\n\r\n')) resolve(text)
      })
    })
    // A chunked upload that is never finished: an adapter that buffers the body first never answers.
    socket.write(
      'POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{"id\r\n',
    )
    try {
      const head = await Promise.race([
        answer,
        new Promise<string>((resolve) => setTimeout(() => resolve('no answer within 2 s'), 2000)),
      ])
      expect(head).toMatch(/^HTTP\/1\.1 400/)
      expect(handled).toEqual([])
    } finally {
      socket.destroy()
    }
  })

  it('answers 413 to a body over maxBodyBytes sent over the wire', async () => {
    const handled: unknown[] = []
    const webhook = toNodeHandler(
      createWebhookHandler({ secret: SECRET, maxBodyBytes: 1024, handle: (e) => void handled.push(e) }),
    )
    server = createServer((req, res) => void webhook(req, res))
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const big = JSON.stringify({ id: 'evt_big', type: 'x', pad: 'x'.repeat(4096) })
    const response = await post(`http://127.0.0.1:${port}/webhooks`, big)
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ outcome: 'refused', error: 'body-too-large' })
    expect(handled).toEqual([])
  })

  it('reads the stream when a body parser set req.body to {} without reading it (another content type)', async () => {
    const { url, handled } = await start((req, _res, next) => {
      Object.assign(req, { body: {} })
      next()
    })
    expect((await post(url, body)).status).toBe(200)
    expect(handled).toHaveLength(1)
  })
})
