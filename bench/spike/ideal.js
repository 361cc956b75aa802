// The floor as a client, for `node bench/floor-ratio.mjs bench/spike/ideal.js`: what the floor does (one
// AbortController, a 10 s timer, a Headers with Accept and a request id) plus `baseUrl + path`, the status check
// and a body read as text then parsed. It measured 0.96–1.00× the floor: the gap between Ferry and the floor is
// Ferry's own work, not the way floor-ratio.mjs measures. Not shipped, wired to no test.
export function createClient({ baseUrl, fetch: send = fetch }) {
  return {
    async get(path) {
      const headers = new Headers()
      headers.set('accept', 'application/json, text/plain;q=0.9, */*;q=0.8')
      headers.set('x-request-id', crypto.randomUUID())
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), 10_000)
      try {
        const response = await send(baseUrl + path, { method: 'GET', headers, signal: controller.signal })
        if (!response.ok) throw new Error(`${response.status}`)
        return JSON.parse(await response.text())
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
