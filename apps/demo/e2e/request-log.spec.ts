import { expect, navTo, openApp, test } from './fixtures.ts'

// Needs the client's terminal 'abort' event (the 0.2 core): the request log ends an entry on it. Without that
// event an abandoned request's entry stays "In flight" forever, and this test fails.
test('a request abandoned by leaving its screen ends in the log: nothing stays "In flight"', async ({
  page,
}) => {
  // Slow responses, so the orders request is still on its way when the screen is left.
  await page.addInitScript(() =>
    localStorage.setItem('ferry-demo:chaos', JSON.stringify({ latencyMs: 3000 })),
  )
  await openApp(page, '?view=orders')
  await expect(page.getByRole('status').filter({ hasText: 'Loading orders' })).toBeVisible()
  await navTo(page, 'Request log')

  const requests = page.getByRole('list', { name: 'Requests' }).getByRole('listitem')
  await expect(requests.filter({ hasText: '/api/orders?' }).first()).toBeVisible()
  await expect(page.getByText('In flight', { exact: true })).toHaveCount(0, { timeout: 8_000 })
  await expect(requests.filter({ hasText: '/api/orders?' }).first()).toContainText('Aborted')
})

test("the demo's tracing middleware sends a traceparent that the request log shows", async ({ page }) => {
  const sent: string[] = []
  page.on('request', (request) => {
    const header = request.headers().traceparent
    if (request.url().includes('/api/orders') && header) sent.push(header)
  })
  await openApp(page, '?view=orders')
  await expect(page.getByRole('table', { name: 'Orders' })).toBeVisible()
  await navTo(page, 'Request log')

  const entry = page
    .getByRole('list', { name: 'Requests' })
    .getByRole('listitem')
    .filter({ hasText: '/api/orders?' })
  const meta = (await entry.first().textContent()) ?? ''
  // "… · 4bf92f35 · trace 4bf92f3577b34da6": the trace id is the request id's hex digits.
  const [, requestId, traceId] = /([\da-f]{8}) · trace ([\da-f]{16})/.exec(meta) ?? []
  expect(requestId).toBeDefined()
  expect(traceId?.startsWith(requestId ?? '-')).toBe(true)
  expect(sent.some((header) => new RegExp(`^00-${traceId}[\\da-f]{16}-[\\da-f]{16}-01$`).test(header))).toBe(
    true,
  )
})

// The export's headers (200) arrive at once, its NDJSON body over about two seconds: the log must not end the
// entry at the headers, only at the client's terminal event.
test('a slow export stays in flight until its body ends: ended by the terminal event, not the 200 headers', async ({
  page,
}) => {
  await openApp(page, '?view=export')
  await page.getByRole('button', { name: 'Start export' }).click()
  await expect(page.getByRole('heading', { name: 'Export complete' })).toBeVisible({ timeout: 20_000 })
  await navTo(page, 'Request log')
  const done = page
    .getByRole('list', { name: 'Requests' })
    .getByRole('listitem')
    .filter({ hasText: '/api/orders/export' })
  await expect(done).toContainText('200')
  const text = (await done.textContent()) ?? ''
  // "Attempt 1: 200 in 12 ms" is when the headers came; "2.1 s total" is when the body ended.
  const headersMs = Number(/Attempt 1: 200 in (\d+) ms/.exec(text)?.[1])
  const totalS = Number(/([\d.]+) s total/.exec(text)?.[1])
  expect(headersMs).toBeLessThan(1000)
  expect(totalS).toBeGreaterThanOrEqual(1)

  // Left while the body is still arriving: the entry ends as aborted, with the attempt's 200 kept.
  await navTo(page, 'Export')
  await page.getByRole('button', { name: /^(Start export|Export again)$/ }).click()
  await expect(page.getByRole('status').filter({ hasText: /[1-9][\d,]* of 2,400 orders/ })).toBeVisible()
  await navTo(page, 'Request log')
  const left = page
    .getByRole('list', { name: 'Requests' })
    .getByRole('listitem')
    .filter({ hasText: '/api/orders/export' })
    .first()
  await expect(left).toContainText('Aborted')
  await expect(left).toContainText(/Attempt 1: 200 in \d+ ms/)
  await expect(page.getByText('In flight', { exact: true })).toHaveCount(0)
})
