// `init.dispatcher` reaching Node's own fetch over a real connection on 127.0.0.1 (no msw in this file).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from './client.js'

describe('init over a real connection (no msw: Node’s own fetch)', () => {
  let server: Server
  let origin = ''
  beforeAll(async () => {
    server = createServer((req, res) =>
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ path: req.url })),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('Node’s fetch uses the dispatcher given in init', async () => {
    const api = createClient({ baseUrl: origin, fetch: (input, init) => globalThis.fetch(input, init) })
    // Node's fetch sets its global dispatcher on first use; the custom one delegates to it and records.
    await api.get('/warm-up')
    const agent: unknown = Reflect.get(globalThis, Symbol.for('undici.globalDispatcher.1'))
    if (
      !agent ||
      typeof agent !== 'object' ||
      !('dispatch' in agent) ||
      typeof agent.dispatch !== 'function'
    ) {
      throw new Error('no global undici dispatcher')
    }
    const dispatch = agent.dispatch.bind(agent)
    const paths: string[] = []
    const dispatcher = {
      dispatch: (options: { path: string }, handler: unknown) => {
        paths.push(options.path)
        return dispatch(options, handler)
      },
    }
    expect(await api.get('/orders', { init: { redirect: 'follow', ...{ dispatcher } } })).toEqual({
      path: '/orders',
    })
    expect(paths).toEqual(['/orders'])
  })
})
