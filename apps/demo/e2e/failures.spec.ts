import type { BrowserContext, Page, TestInfo } from '@playwright/test'
import {
  chooseChaosPreset,
  expect,
  firstMatch,
  navTo,
  openApp,
  screenshot,
  test,
  watchFirstMatch,
} from './fixtures.ts'

// Each test waits through real retries (2 s and 5 s Retry-After waits): room for a busy machine.
test.describe.configure({ timeout: 60_000 })

const rows = (page: Page) => page.getByRole('table', { name: 'Orders' }).locator('tbody tr')
const ordersError = (page: Page) => page.getByRole('alert').filter({ hasText: 'Could not load orders' })
/** The whole error state: its alert and, beside it, what happens next and the actions. */
const ordersErrorState = (page: Page) => page.getByRole('region', { name: 'Could not load orders' })
const ordersLoading = (page: Page) => page.getByRole('status').filter({ hasText: 'Loading orders' })

/** Every request answered 503 + Retry-After: 2, set with the chaos panel's "Outage" scenario. */
async function startOutage(page: Page): Promise<void> {
  await openApp(page, '?view=chaos')
  await chooseChaosPreset(page, 'Outage')
  await expect(page.getByRole('link', { name: 'Chaos on' })).toBeVisible()
}

/**
 * Calms the mock API without touching the page under test: the chaos panel in a second tab of the same browser
 * ("Reset to calm"); the settings reach the first tab through localStorage.
 */
async function calmFromAnotherTab(context: BrowserContext): Promise<void> {
  const other = await context.newPage()
  await openApp(other, '?view=chaos')
  await other.getByRole('button', { name: 'Reset to calm' }).click()
  await expect(other.getByRole('button', { name: /^Calm\b/ })).toHaveAttribute('aria-pressed', 'true')
  await other.close()
}

/** Chooses a chaos scenario in a second tab, so the page under test stays where it is. */
async function presetFromAnotherTab(context: BrowserContext, name: string): Promise<void> {
  const other = await context.newPage()
  await openApp(other, '?view=chaos')
  await chooseChaosPreset(other, name)
  await other.close()
}

/** Outage, then the orders screen, until its error state: three attempts, two 2 s countdowns. */
async function failOrders(page: Page, testInfo?: TestInfo): Promise<void> {
  await startOutage(page)
  await watchFirstMatch(page, 'firstRetry', /Retrying in \d+ s \(attempt \d of \d\)/)
  await watchFirstMatch(page, 'lastRetry', /Retrying in \d+ s \(attempt 3 of 3\)/)
  await navTo(page, 'Orders')

  // The 503 says Retry-After: 2, so the client counts down from 2 s, twice (3 attempts in all).
  await expect(ordersLoading(page)).toContainText(/Retrying in [12] s \(attempt 2 of 3\)/)
  if (testInfo) await screenshot(page, testInfo, 'orders-503-retrying')
  expect(await firstMatch(page, 'firstRetry')).toBe('Retrying in 2 s (attempt 2 of 3)')
  await expect(ordersError(page)).toBeVisible({ timeout: 10_000 })
  // The second countdown was shown too (caught as it appeared: a busy machine may not poll within its 2 s).
  expect(await firstMatch(page, 'lastRetry')).toBe('Retrying in 2 s (attempt 3 of 3)')
  await expect(ordersError(page)).toContainText(
    'The orders service is overloaded. Try again in a few seconds.',
  )
  await expect(rows(page)).toHaveCount(0)
  if (testInfo) await screenshot(page, testInfo, 'orders-503-error')
}

test('chaos at 100 % 503: a retry countdown, then the error state, which retries on its own once chaos is calmed', async ({
  page,
  context,
}, testInfo) => {
  await failOrders(page, testInfo)
  await expect(ordersErrorState(page)).toContainText(
    'It tries again on its own when the chaos is calmed; or press Retry.',
  )

  // Calm the API without leaving this screen (leaving it and coming back would refetch on mount by itself).
  await calmFromAnotherTab(context)
  await expect(page.getByRole('link', { name: 'Chaos on' })).toHaveCount(0)
  await expect(rows(page)).toHaveCount(25)
  await expect(ordersError(page)).toHaveCount(0)
  await expect(page.locator('.pagination__summary')).toHaveText('1–25 of 2,400')
})

test('a refresh that fails keeps the rows on screen, says so, and refreshes on its own once the API is calm', async ({
  page,
  context,
}, testInfo) => {
  await openApp(page, '?view=orders')
  await expect(rows(page)).toHaveCount(25)
  const shown = await rows(page).allInnerTexts()

  await presetFromAnotherTab(context, 'Outage')
  await page.getByRole('button', { name: 'Refresh' }).click()
  const notice = page.getByRole('alert').filter({ hasText: 'Could not refresh the orders' })
  // Three attempts with two 2 s waits, while the rows stay.
  await expect(notice).toBeVisible({ timeout: 15_000 })
  await expect(notice).toContainText('The orders service is overloaded.')
  expect(await rows(page).allInnerTexts()).toEqual(shown)
  await expect(ordersError(page)).toHaveCount(0)
  await screenshot(page, testInfo, 'orders-refresh-failed')

  await calmFromAnotherTab(context)
  // Calming the chaos refreshes the screen on its own: the notice goes.
  await expect(notice).toHaveCount(0)
  await expect(rows(page)).toHaveCount(25)
})

test('429 with Retry-After: 5: the banner, the countdown and the error name the wait', async ({
  page,
}, testInfo) => {
  await openApp(page, '?view=chaos')
  await chooseChaosPreset(page, 'Rate limited')
  await watchFirstMatch(page, 'banner', /Rate limited\..*?resume in \d+ s/)
  await watchFirstMatch(page, 'retry', /Retrying in \d+ s \(attempt \d of \d\)/)
  await navTo(page, 'Orders')

  const banner = page.locator('.banner').filter({ hasText: 'Rate limited.' })
  await expect(banner).toContainText(/resume in [1-5] s\./)
  await expect(ordersLoading(page)).toContainText(/Retrying in [1-5] s \(attempt 2 of 3\)/)
  await screenshot(page, testInfo, 'rate-limited')
  // The first texts shown, caught before any repaint, name the server's Retry-After: 5 s.
  expect(await firstMatch(page, 'banner')).toMatch(/resume in 5 s$/)
  expect(await firstMatch(page, 'retry')).toBe('Retrying in 5 s (attempt 2 of 3)')

  // Two 5 s waits later the client gives up, and the error says how long until it tries again by itself.
  await expect(ordersError(page)).toContainText('Too many requests.', { timeout: 20_000 })
  await expect(ordersErrorState(page)).toContainText(/Trying again on its own in [1-5] s\./)
  await screenshot(page, testInfo, 'rate-limited-error')
})

test('the request log shows a retried request with its attempts and waits', async ({ page }, testInfo) => {
  await failOrders(page)
  await navTo(page, 'Request log')
  await expect(page.getByText(/^1 request, 1 retried, 1 failed/)).toBeVisible()
  const entry = page
    .getByRole('list', { name: 'Requests' })
    .getByRole('listitem')
    .filter({ hasText: '/api/orders?' })
    .first()
  await expect(entry).toContainText('GET')
  // One step per attempt (a wait in the client's own rate limiter may be listed too: not counted here).
  const steps = entry
    .getByRole('list')
    .getByRole('listitem')
    .filter({ hasText: /^Attempt \d/ })
  await expect(steps).toHaveCount(3)
  await expect(steps.nth(0)).toContainText(/^Attempt 1: 503 in [\d.]+ m?s → retry 1 of 2 in 2\.0 s$/)
  await expect(steps.nth(1)).toContainText(/^Attempt 2: 503 in [\d.]+ m?s → retry 2 of 2 in 2\.0 s$/)
  await expect(steps.nth(2)).toContainText(/^Attempt 3: 503 in [\d.]+ m?s$/)
  await screenshot(page, testInfo, 'request-log')
})
