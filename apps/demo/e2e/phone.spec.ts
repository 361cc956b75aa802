import type { Page } from '@playwright/test'
import { expect, navTo, openApp, screenshot, test } from './fixtures.ts'
import { screens } from './screens.ts'

// Every screen on a 375 px phone: its content loads and fits the width, so nothing needs sideways scrolling.
// (The orders list at 375 px is checked in orders.spec.ts.)
test.use({ viewport: { width: 375, height: 812 } })

const fitsWidth = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)

// The screens whose own spec does not already check them at 375 px (orders, order detail and the log below).
const phoneScreens = screens.filter((screen) => ['feed', 'new', 'export', 'chaos'].includes(screen.name))

for (const screen of phoneScreens) {
  test(`${screen.name} fits a 375 px phone`, async ({ page }, testInfo) => {
    await openApp(page, screen.query)
    await screen.loaded(page)
    await fitsWidth(page)
    await screenshot(page, testInfo, `${screen.name}-375px`)
  })
}

test('the request log fits a 375 px phone, with the requests the orders screen made', async ({
  page,
}, testInfo) => {
  await openApp(page, '?view=orders')
  await expect(page.getByRole('table', { name: 'Orders' }).locator('tbody tr')).toHaveCount(25)
  await navTo(page, 'Request log')
  await expect(page.getByRole('list', { name: 'Requests' }).getByRole('listitem').first()).toBeVisible()
  await fitsWidth(page)
  await screenshot(page, testInfo, 'log-375px')
})

test('an order’s detail fits a 375 px phone', async ({ page }, testInfo) => {
  await openApp(page, '?view=orders')
  const first = page
    .getByRole('table', { name: 'Orders' })
    .locator('tbody tr')
    .first()
    .getByRole('link')
    .first()
  const number = ((await first.textContent()) ?? '').trim()
  await first.click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(number) })).toBeVisible()
  await fitsWidth(page)
  await screenshot(page, testInfo, 'order-detail-375px')
})

test('every item of the main navigation is in view at 375 px, with no sideways scrolling', async ({
  page,
}, testInfo) => {
  await openApp(page, '?view=orders')
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const label of ['Orders', 'Feed', 'New order', 'Export', 'Request log', 'Chaos'])
    await expect(nav.getByRole('link', { name: label, exact: true })).toBeInViewport({ ratio: 1 })
  // The list wraps instead of scrolling: nothing of it lies beyond its own width.
  const list = nav.getByRole('list')
  expect(await list.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)
  await screenshot(page, testInfo, 'nav-375px')

  await navTo(page, 'Request log')
  await expect(page.getByRole('heading', { level: 1, name: 'Request log' })).toBeVisible()
  await navTo(page, 'Chaos')
  await expect(page.getByRole('heading', { level: 1, name: 'Chaos' })).toBeVisible()
  await fitsWidth(page)
})

test('the feed shows customers’ names whole at 375 px', async ({ page }) => {
  await openApp(page, '?view=feed')
  const titles = page.locator('.feed-item__title')
  await expect(titles).toHaveCount(20)
  // No title is cut: what it holds fits inside it.
  const cut = await titles.evaluateAll((elements) =>
    elements
      .filter((element) => element.scrollWidth > element.clientWidth)
      .map((element) => element.textContent),
  )
  expect(cut).toEqual([])
})
