// A keep-alive node:http server on 127.0.0.1 (random port) answering every request with the same small JSON.
// Runs in a worker thread so that the server and the clients under test use different cores.
import http from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'

const body = Buffer.from(workerData.payload)
const headers = { 'content-type': 'application/json', 'content-length': String(body.byteLength) }

const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume()
  res.writeHead(200, headers)
  res.end(body)
})
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }))
