import { OrdersPage } from '../src/api/schemas.ts'
import { apiGet, expect, navTo, openApp, screenshot, test } from './fixtures.ts'

test('double-clicking "Place order" creates exactly one order with one request: the second click joins the first', async ({
  page,
}, testInfo) => {
  // 600 ms on every response keeps the first submission in flight when the second click lands.
  await openApp(page, '?view=chaos')
  const latency = page.getByLabel('Added latency')
  await latency.fill('600')
  await expect(latency).toHaveValue('600')
  await navTo(page, 'New order')

  const stamp = `${Date.now()}${testInfo.workerIndex}`
  const email = `double.click.${stamp}@example.com`
  await page.getByLabel('Customer name').fill(`Double Click ${stamp}`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Product 1').selectOption({ label: 'Gooseneck kettle 0.8 l — €74.50' })
  await page.getByLabel('Quantity 1').fill('2')
  await expect(page.getByText('Total €149.00')).toBeVisible()

  await page.getByRole('button', { name: 'Place order' }).dblclick()

  const placed = page.getByRole('heading', { name: /^Order #\d+ placed$/ })
  await expect(placed).toBeVisible({ timeout: 10_000 })
  await expect(page.getByText('Replayed by the server.')).toHaveCount(0)
  await screenshot(page, testInfo, 'order-placed-double-click')

  // Through the API (the mock answers inside the page): one order with this email, the one confirmed.
  const { status, body } = await apiGet(page, `/api/orders?q=${encodeURIComponent(email)}`)
  expect(status).toBe(200)
  const found = OrdersPage.parse(body)
  expect(found.meta.total).toBe(1)
  const number = (await placed.textContent())?.match(/#(\d+)/)?.[1]
  expect(found.data[0]?.number).toBe(Number(number))
  expect(found.data[0]?.totalCents).toBe(14900)

  // @ferry/react joins a second press while the first is in flight: the request log holds one POST.
  await navTo(page, 'Request log')
  await expect(
    page
      .getByRole('list', { name: 'Requests' })
      .getByRole('listitem')
      .filter({ hasText: /^POST\s*\/api\/orders/ }),
  ).toHaveCount(1)
})
