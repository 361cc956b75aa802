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
