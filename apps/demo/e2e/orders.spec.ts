import type { Page } from '@playwright/test'
import { OrdersPage } from '../src/api/schemas.ts'
import { apiGet, expect, firstMatch, navTo, openApp, screenshot, test, watchFirstMatch } from './fixtures.ts'

const ordersTable = (page: Page) => page.getByRole('table', { name: 'Orders' })
const rows = (page: Page) => ordersTable(page).locator('tbody tr')
const summary = (page: Page) => page.locator('.pagination__summary')
const pageButton = (page: Page, n: number) =>
  page.getByRole('navigation', { name: 'Pagination' }).getByRole('button', { name: `Page ${n}`, exact: true })

/** The order numbers of the rows shown, top to bottom ("#12400"…). */
const shownNumbers = (page: Page) => ordersTable(page).locator('tbody tr td:first-child').allInnerTexts()

/** The order numbers the API returns for a page of the table's default view (newest first, 25 a page). */
async function apiNumbers(page: Page, n: number): Promise<string[]> {
  const { status, body } = await apiGet(page, `/api/orders?page=${n}&pageSize=25&sort=-createdAt`)
  expect(status).toBe(200)
  return OrdersPage.parse(body).data.map((order) => `#${order.number}`)
}

test('the list loads: the first 25 of 2,400 orders, newest first', async ({ page }, testInfo) => {
  await openApp(page)
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible()
  await expect(rows(page)).toHaveCount(25)
  await expect(summary(page)).toHaveText('1–25 of 2,400')
  await expect(page.getByText('2,400 orders.')).toBeVisible()
  await expect(pageButton(page, 1)).toHaveAttribute('aria-current', 'page')
  expect(await shownNumbers(page)).toEqual(await apiNumbers(page, 1))
  await screenshot(page, testInfo, 'orders-list')

  // On a 375 px phone the same list fits the width: no sideways scrolling.
  await page.setViewportSize({ width: 375, height: 812 })
  await expect(rows(page)).toHaveCount(25)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  await screenshot(page, testInfo, 'orders-list-375px')
})

test('page 2 by its button: the URL follows, and Back returns to page 1', async ({ page }, testInfo) => {
  await openApp(page)
  await expect(rows(page)).toHaveCount(25)
  const first = await shownNumbers(page)

  await pageButton(page, 2).click()
  await expect(page).toHaveURL(/[?&]page=2(&|$)/)
  await expect(pageButton(page, 2)).toHaveAttribute('aria-current', 'page')
  await expect(summary(page)).toHaveText('26–50 of 2,400')
  await expect(ordersTable(page)).toHaveAttribute('aria-busy', 'false')
  const second = await shownNumbers(page)
  expect(second).toEqual(await apiNumbers(page, 2))
  expect(second).not.toEqual(first)
  await screenshot(page, testInfo, 'orders-page-2')

  await page.goBack()
  await expect(summary(page)).toHaveText('1–25 of 2,400')
  await expect.poll(() => shownNumbers(page)).toEqual(first)
})

test('page 2 by URL, and it survives a reload', async ({ page }) => {
  await openApp(page, '?view=orders&page=2')
  await expect(pageButton(page, 2)).toHaveAttribute('aria-current', 'page')
  await expect(summary(page)).toHaveText('26–50 of 2,400')
  await expect(rows(page)).toHaveCount(25)
  expect(await shownNumbers(page)).toEqual(await apiNumbers(page, 2))

  await page.reload()
  await expect(pageButton(page, 2)).toHaveAttribute('aria-current', 'page')
  await expect(summary(page)).toHaveText('26–50 of 2,400')
})

test('while page 3 loads under added latency, the previous rows stay visible and no loading state shows', async ({
  page,
}, testInfo) => {
  await openApp(page)
  await expect(rows(page)).toHaveCount(25)
  const first = await shownNumbers(page)

  // 1.5 s on every response, set in the chaos panel like a user would.
  await navTo(page, 'Chaos')
  const latency = page.getByLabel('Added latency')
  await latency.fill('1500')
  await expect(latency).toHaveValue('1500')
  await expect(page.getByText('1500 ms', { exact: true })).toBeVisible()
  await navTo(page, 'Orders')
  await expect.poll(() => shownNumbers(page)).toEqual(first)

  // From now on, note whether the table ever leaves the page or a loading state appears.
  await page.evaluate(() => {
    const root = document.documentElement
    const check = () => {
      if (!document.querySelector('table[aria-label="Orders"]')) root.dataset.lostTable = 'yes'
      if (document.querySelector('[role="status"][aria-busy="true"]')) root.dataset.sawLoading = 'yes'
    }
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true })
  })

  // Page 2 was prefetched; page 3 was not, so it really goes to the (slow) API.
  await pageButton(page, 3).click()
  await expect(page).toHaveURL(/[?&]page=3(&|$)/)
  await expect(ordersTable(page)).toHaveAttribute('aria-busy', 'true')
  expect(await shownNumbers(page)).toEqual(first)
  await expect(page.getByRole('status').filter({ hasText: 'Loading orders' })).toHaveCount(0)
  await screenshot(page, testInfo, 'orders-page-3-loading')

  await expect(ordersTable(page)).toHaveAttribute('aria-busy', 'false', { timeout: 10_000 })
  await expect(summary(page)).toHaveText('51–75 of 2,400')
  expect(await shownNumbers(page)).toEqual(await apiNumbers(page, 3))
  const seen = await page.evaluate(() => ({ ...document.documentElement.dataset }))
  expect(seen.lostTable, 'the table left the page while page 3 loaded').toBeUndefined()
  expect(seen.sawLoading, 'a loading state appeared while page 3 loaded').toBeUndefined()
})

test('a filter with no match shows the empty state, and "Clear filters" brings the orders back', async ({
  page,
}, testInfo) => {
  await openApp(page)
  await expect(rows(page)).toHaveCount(25)

  const search = page.getByRole('searchbox', { name: 'Search' })
  await search.fill('no-such-customer-xyz')
  await search.press('Enter')
  await expect(page).toHaveURL(/[?&]q=no-such-customer-xyz(&|$)/)
  await expect(page.getByRole('heading', { name: 'No orders match these filters' })).toBeVisible()
  await expect(ordersTable(page)).toHaveCount(0)
  await screenshot(page, testInfo, 'orders-empty-filter')

  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(rows(page)).toHaveCount(25)
  await expect(search).toHaveValue('')
  await expect(summary(page)).toHaveText('1–25 of 2,400')
})

test('while a new filter loads, the header does not show the previous filter’s count', async ({ page }) => {
  await openApp(page)
  await expect(rows(page)).toHaveCount(25)
  await expect(page.getByText('2,400 orders.')).toBeVisible()

  await navTo(page, 'Chaos')
  await page.getByLabel('Added latency').fill('2000')
  await navTo(page, 'Orders')
  await expect(rows(page)).toHaveCount(25)
  await watchFirstMatch(page, 'oldCount', /2,400 orders match these filters/)

  await page.getByLabel('Status').selectOption('refunded')
  await expect(page.getByText('Counting the matching orders…')).toBeVisible()
  await expect(page.getByText(/^[\d,]+ orders? match(es)? these filters\.$/)).toBeVisible({ timeout: 10_000 })
  await expect(page.getByText('Counting the matching orders…')).toHaveCount(0)
  expect(await firstMatch(page, 'oldCount')).toBeUndefined()
})

test('?view=order without an id is "not found", with no Retry', async ({ page }, testInfo) => {
  await openApp(page, '?view=order')
  await expect(page.getByRole('heading', { level: 1, name: 'Order not found' })).toBeVisible()
  await expect(page.getByText('This link names no order')).toBeVisible()
  await expect(page.getByText('Something went wrong')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0)
  await page.getByRole('link', { name: 'Go to the orders list' }).click()
  await expect(rows(page)).toHaveCount(25)
  await screenshot(page, testInfo, 'order-without-id')
})
