import type { Page } from '@playwright/test'
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

/** The form filled with a fresh customer (an email no other order has), on the "Slow order processing" chaos. */
async function slowOrderForm(page: Page, stamp: string): Promise<string> {
  await page.addInitScript(() =>
    localStorage.setItem('ferry-demo:chaos', JSON.stringify({ slowOrders: true })),
  )
  await openApp(page, '?view=new')
  const email = `slow.${stamp}@example.com`
  await page.getByLabel('Customer name').fill(`Slow Order ${stamp}`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Product 1').selectOption({ label: 'Gooseneck kettle 0.8 l — €74.50' })
  await page.getByLabel('Quantity 1').fill('1')
  // The gateway gives up after 2 s (504) while the server carries on; "Try again" sends the same key: 409.
  await page.getByRole('button', { name: 'Place order' }).click()
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible({ timeout: 10_000 })
  await page.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'still being processed' })).toBeVisible()
  return email
}

test('the wait for an order still being processed (409) can be stopped; then the app checks whether it was placed', async ({
  page,
}, testInfo) => {
  test.setTimeout(45_000)
  const email = await slowOrderForm(page, `${Date.now()}${testInfo.workerIndex}`)
  const posts: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/orders')) posts.push(request.url())
  })
  await page.getByRole('button', { name: 'Stop waiting' }).click()
  const stopped = page.getByRole('alert').filter({ hasText: 'Stopped waiting.' })
  await expect(stopped).toContainText('The order may have been created, or may still be')
  await screenshot(page, testInfo, 'new-order-stopped-waiting')
  // Nothing more is asked once stopped (the hook's next ask, 2 s later, is refused before it is sent).
  await page.waitForTimeout(3_000)
  expect(posts).toEqual([])
  await expect(page.getByText('Something went wrong')).toHaveCount(0)

  // The server finishes 10 s after the first submission: the check (a GET) finds the one order.
  const check = page.getByRole('button', { name: 'Check whether it was placed' })
  await expect(async () => {
    await check.click()
    await expect(page.getByRole('link', { name: /^View order #\d+$/ })).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 15_000 })
  const { body } = await apiGet(page, `/api/orders?q=${encodeURIComponent(email)}`)
  expect(OrdersPage.parse(body).meta.total).toBe(1)
  expect(posts).toEqual([])
})

test('leaving the new-order screen while it waits for an order being processed stops the wait', async ({
  page,
}, testInfo) => {
  await slowOrderForm(page, `${Date.now()}${testInfo.workerIndex}`)
  await navTo(page, 'Orders')
  const posts: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/orders')) posts.push(request.url())
  })
  await page.waitForTimeout(4_500)
  expect(posts).toEqual([])
  await navTo(page, 'Request log')
  await expect(page.getByText('In flight', { exact: true })).toHaveCount(0)
})
