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
