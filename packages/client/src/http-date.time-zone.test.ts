// HTTP-dates are GMT whatever the machine's time zone. A test process cannot change its own zone reliably
// (worker threads keep theirs), so this one runs the parsers in a child `node` with TZ=America/New_York.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseHttpDate } from './http-date.js'
import { parseRetryAfter } from './retry-timing.js'

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0)
const DATES = [
  'Thu, 15 Jan 2026 12:00:30 GMT',
  'Thursday, 15-Jan-26 12:01:00 GMT',
  'Thu Jan 15 12:02:00 2026',
  'Sun Nov  6 08:49:37 1994',
  'Sunday, 06-Nov-94 08:49:37 GMT',
  // Summer time in New York: a local reading would be off by 4 hours, not 5.
  'Wed Jul  1 00:00:00 2026',
  // The night New York's clocks go forward: 02:30 does not exist there.
  'Sun Mar  8 02:30:00 2026',
  'Sunday, 01-Nov-26 01:30:00 GMT',
]

interface ChildReport {
  readonly offsetMinutes: number
  readonly localAsctime: number
  readonly dates: Array<number | null>
  readonly waits: Array<number | null>
}

let dir = ''

beforeAll(async () => {
  // The two modules as plain ES modules: Node 20 cannot run TypeScript itself.
  dir = await mkdtemp(join(tmpdir(), 'ferry-tz-'))
  for (const name of ['http-date', 'retry-timing']) {
    const source = await readFile(new URL(`./${name}.ts`, import.meta.url), 'utf8')
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    await writeFile(join(dir, `${name}.js`), outputText)
  }
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function runIn(timeZone: string): Promise<ChildReport> {
  const script = `
    import { parseHttpDate } from ${JSON.stringify(pathToFileURL(join(dir, 'http-date.js')).href)}
    import { parseRetryAfter } from ${JSON.stringify(pathToFileURL(join(dir, 'retry-timing.js')).href)}
    const dates = ${JSON.stringify(DATES)}
    console.log(JSON.stringify({
      offsetMinutes: new Date(${NOW}).getTimezoneOffset(),
      localAsctime: Date.parse('Thu Jan 15 12:02:00 2026'),
      dates: dates.map((d) => parseHttpDate(d, ${NOW}) ?? null),
      waits: dates.map((d) => parseRetryAfter(d, ${NOW}) ?? null),
    }))
  `
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, TZ: timeZone },
    timeout: 10_000,
  })
  return JSON.parse(stdout)
}

describe('HTTP-dates in a non-UTC time zone', () => {
  it('reads every format as GMT under TZ=America/New_York', async () => {
    const child = await runIn('America/New_York')
    // The zone took effect in the child: 5 hours behind in January, and Date.parse reads asctime as local.
    expect(child.offsetMinutes).toBe(300)
    expect(child.localAsctime).toBe(Date.UTC(2026, 0, 15, 17, 2, 0))
    const expected = [
      Date.UTC(2026, 0, 15, 12, 0, 30),
      Date.UTC(2026, 0, 15, 12, 1, 0),
      Date.UTC(2026, 0, 15, 12, 2, 0),
      Date.UTC(1994, 10, 6, 8, 49, 37),
      Date.UTC(1994, 10, 6, 8, 49, 37),
      Date.UTC(2026, 6, 1),
      Date.UTC(2026, 2, 8, 2, 30),
      Date.UTC(2026, 10, 1, 1, 30),
    ]
    expect(child.dates).toEqual(expected)
    expect(child.waits).toEqual(expected.map((time) => Math.max(0, time - NOW)))
  })

  it('gives the same results in UTC, in New York, in Kathmandu and east of the date line', async () => {
    const here = DATES.map((value) => parseHttpDate(value, NOW) ?? null)
    const waits = DATES.map((value) => parseRetryAfter(value, NOW) ?? null)
    for (const zone of ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Kiritimati']) {
      const child = await runIn(zone)
      expect({ zone, dates: child.dates, waits: child.waits }).toEqual({ zone, dates: here, waits })
    }
  })
})
