// @ferry/webhooks benchmark (`pnpm bench` runs it; alone: `node bench/webhooks/run.mjs`).
// 1. Verifications per second of a signed ~1 KB event: Ferry (Web Crypto) beside Node's own crypto.createHmac +
//    timingSafeEqual doing the same work (parse the header, HMAC "<t>.<body>", compare, check the window), and
//    stripe-node's verifyHeader, in the same run. Ratios are to createHmac.
// 2. The Redis claim round trip of redisStore (SET NX PX; GET on a duplicate) against a local redis-server
//    started here on a free port and stopped by pid, beside a bare PING on the same connection.
import { spawn } from 'node:child_process'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { bundleFerry, machine, quantile, ratio, repoDir, table, writeResult } from '../lib.mjs'

const webhooksDir = join(repoDir, 'packages/webhooks')
// redis and stripe are devDependencies of @ferry/webhooks: resolved from there, so bench/ needs no new package.
const fromWebhooks = createRequire(join(webhooksDir, 'package.json'))

// Bundled from its TypeScript sources like the client (Node 20 cannot run .ts).
const loadWebhooks = async () =>
  import(pathToFileURL(await bundleFerry(join(webhooksDir, 'src/index.ts'))).href)

const { createVerifier, redisStore, signWebhook, verifyWebhook } = await loadWebhooks()
const Stripe = (await import(pathToFileURL(fromWebhooks.resolve('stripe')).href)).default
const stripe = new Stripe('sk_test_offline')

const SECRET = 'whsec_bench_0123456789abcdef0123456789abcdef'
const body = JSON.stringify({
  id: 'evt_bench',
  object: 'event',
  type: 'payment_intent.succeeded',
  data: { object: { id: 'pi_bench', amount: 1299, currency: 'eur', metadata: { note: 'x'.repeat(800) } } },
})
const header = await signWebhook(body, SECRET)

// Node's own crypto doing what verifyWebhook does.
function nodeVerify(raw, signatureHeader, secret) {
  let timestamp
  const signatures = []
  for (const part of signatureHeader.split(',')) {
    const at = part.indexOf('=')
    const key = part.slice(0, at)
    const value = part.slice(at + 1)
    if (key === 't') timestamp = Number(value)
    else if (key === 'v1') signatures.push(Buffer.from(value, 'hex'))
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest()
  if (!signatures.some((s) => s.length === expected.length && timingSafeEqual(s, expected)))
    throw new Error('bad')
  if (Math.abs(Math.floor(Date.now() / 1000) - timestamp) > 300) throw new Error('late')
  return timestamp
}

/** Calls per second of `call` over ~`ms` of wall time, after a warm-up; `parallel` calls in flight at once. */
async function rate(call, { ms = 1500, parallel = 1 } = {}) {
  for (let i = 0; i < 2000; i++) await call()
  let done = 0
  const started = performance.now()
  const until = started + ms
  const lane = async () => {
    while (performance.now() < until) {
      for (let i = 0; i < 100; i++) await call()
      done += 100
    }
  }
  await Promise.all(Array.from({ length: parallel }, lane))
  return done / ((performance.now() - started) / 1000)
}

const verifier = createVerifier(SECRET)
const cases = [
  ['node crypto.createHmac + timingSafeEqual', () => nodeVerify(body, header, SECRET)],
  [
    'stripe-node webhooks.signature.verifyHeader',
    () => stripe.webhooks.signature.verifyHeader(body, header, SECRET),
  ],
  ['Ferry verifyWebhook (imports the key per call)', () => verifyWebhook(body, header, SECRET)],
  ['Ferry createVerifier (key imported once; the handler)', () => verifier(body, header)],
  ['Ferry createVerifier, 16 in flight', () => verifier(body, header), 16],
]
const verifyRows = []
let baseline
for (const [name, call, parallel = 1] of cases) {
  const perSecond = await rate(call, { parallel })
  baseline ??= perSecond
  verifyRows.push({ name, perSecond, ratio: perSecond / baseline })
}
console.log(`\n# Webhook verification, ${body.length} B body (${machine().cpu}, Node ${process.version})\n`)
console.log(
  table(
    ['verifier', 'verifications/s', '× createHmac'],
    verifyRows.map((r) => [r.name, Math.round(r.perSecond).toLocaleString('en-US'), ratio(r.ratio)]),
  ),
)

// --- A forged header: many v1 entries, none genuine --------------------------------------------------------
// What one refusal costs when an attacker fills the header with signatures (the handler verifies before it
// claims anything, so this is what any anonymous POST can make the receiver spend).
const FORGED_ENTRIES = 2000
const forgedHeader = `t=${Math.floor(Date.now() / 1000)},${Array.from(
  { length: FORGED_ENTRIES },
  (_, i) => `v1=${i.toString(16).padStart(64, '0')}`,
).join(',')}`
const forgedSamples = []
for (let i = 0; i < 12; i++) {
  const started = performance.now()
  await verifier(body, forgedHeader).then(
    () => {
      throw new Error('a forged header was accepted')
    },
    () => undefined,
  )
  forgedSamples.push(performance.now() - started)
}
const forged = {
  entries: FORGED_ENTRIES,
  headerBytes: forgedHeader.length,
  p50Ms: quantile(forgedSamples.slice(2), 0.5),
  maxMs: Math.max(...forgedSamples.slice(2)),
}
console.log(
  `\n# A forged header with ${FORGED_ENTRIES} v1 entries (${forgedHeader.length} B): one refusal takes ` +
    `p50 ${forged.p50Ms.toFixed(3)} ms, max ${forged.maxMs.toFixed(3)} ms (createVerifier, 10 runs)\n`,
)

// --- Redis claim round trip --------------------------------------------------------------------------------
const REDIS_SERVER = process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server'
let redisResult
if (existsSync(REDIS_SERVER)) {
  const port = await new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.once('error', reject)
  })
  const child = spawn(REDIS_SERVER, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ])
  try {
    await new Promise((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk) => {
        out += chunk
        if (out.includes('Ready to accept connections')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)))
    })
    const { createClient } = await import(pathToFileURL(fromWebhooks.resolve('redis')).href)
    const redis = await createClient({ url: `redis://127.0.0.1:${port}` }).connect()
    const store = redisStore(redis)
    const time = async (n, call) => {
      const samples = []
      for (let i = 0; i < n; i++) {
        const started = performance.now()
        await call(i)
        samples.push(performance.now() - started)
      }
      return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) }
    }
    const N = 5000
    await time(500, (i) => store.claim(`warm_${i}`))
    const ping = await time(N, () => redis.sendCommand(['PING']))
    const claim = await time(N, (i) => store.claim(`evt_${i}`))
    const duplicate = await time(N, (i) => store.claim(`evt_${i}`))
    const complete = await time(N, async (i) => {
      const c = await store.claim(`done_${i}`)
      await store.complete(`done_${i}`, c.token)
    })
    await redis.close()
    redisResult = { n: N, ping, claim, duplicate, claimAndComplete: complete }
    const ms = (x) => `${x.toFixed(3)} ms`
    console.log(`\n# Redis claim round trip (redis-server on 127.0.0.1, node-redis, ${N} sequential calls)\n`)
    console.log(
      table(
        ['operation', 'p50', 'p99'],
        [
          ['PING (the floor)', ms(ping.p50), ms(ping.p99)],
          ['claim, new event (SET NX PX)', ms(claim.p50), ms(claim.p99)],
          ['claim, duplicate (SET NX PX + GET)', ms(duplicate.p50), ms(duplicate.p99)],
          ['claim + complete (the handler path)', ms(complete.p50), ms(complete.p99)],
        ],
      ),
    )
  } finally {
    child.kill('SIGTERM')
  }
} else {
  console.log(
    `\nNo redis-server at ${REDIS_SERVER}: the Redis round trip is not measured (apt-get install redis-server).`,
  )
}

const file = writeResult('webhooks', {
  bodyBytes: body.length,
  verify: verifyRows,
  forged,
  redis: redisResult ?? null,
})
console.log(`\nresults in ${file}`)
