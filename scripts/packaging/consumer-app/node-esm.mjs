// A plain Node ESM program using the installed @ferry/client against a real server on 127.0.0.1: JSON, an
// idempotent POST retried after a 503, and a typed 404. Exits non-zero, saying what differed, on any mismatch.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { createClient, isHttpError } from '@ferry/client'

let posts = 0
const keys = []
const server = createServer((req, res) => {
  const json = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  if (req.method === 'GET' && req.url === '/orders?page=2') return json(200, { data: [{ id: 'B1' }] })
  if (req.method === 'POST' && req.url === '/orders') {
    keys.push(req.headers['idempotency-key'])
    posts += 1
    return posts === 1 ? json(503, { title: 'busy' }) : json(201, { id: 'N1' })
  }
  json(404, { title: 'Not found' })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const api = createClient({
  baseUrl: `http://127.0.0.1:${server.address().port}`,
  retry: { limit: 2, baseDelay: 1 },
})

try {
  assert.deepEqual(await api.get('/orders', { query: { page: 2 } }), { data: [{ id: 'B1' }] })
  assert.deepEqual(await api.post('/orders', { body: { sku: 'x' }, idempotencyKey: true }), { id: 'N1' })
  assert.equal(posts, 2, 'the POST with an Idempotency-Key is retried once after the 503')
  assert.ok(keys[0] && keys[0] === keys[1], 'both attempts carry the same Idempotency-Key')
  const failure = await api.get('/missing').then(
    () => assert.fail('GET /missing resolved'),
    (error) => error,
  )
  assert.ok(isHttpError(failure) && failure.status === 404, `GET /missing: ${failure}`)
  console.log('node-esm: GET, idempotent POST with retry, and a typed 404 all behave')
} finally {
  server.close()
}
