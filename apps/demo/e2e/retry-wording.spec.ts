import type { Locator, Page } from '@playwright/test'
import { expect, firstMatch, openApp, test, watchFirstMatch } from './fixtures.ts'

// Time passes on the page's clock (Playwright's page.clock), paused once the app has started: the client's
// timeouts, backoff waits and the countdowns advance only by `runFor`, so a minute of retries takes a moment.

const ordersLoading = (page: Page) => page.getByRole('status').filter({ hasText: 'Loading orders' })
const ordersError = (page: Page) => page.getByRole('alert').filter({ hasText: 'Could not load orders' })
/** The whole error state: its alert (spoken once) and, beside it, the countdown and the actions. */
const ordersErrorState = (page: Page) => page.getByRole('region', { name: 'Could not load orders' })
/** The rate-limit banner: its status line (spoken once) and the seconds left beside it. */
const rateLimitBanner = (page: Page) => page.locator('.banner').filter({ hasText: 'Rate limited.' })

/** Chaos settings in place before the app starts (the mock API reads them from localStorage). */
async function startWithChaos(page: Page, settings: Record<string, unknown>): Promise<void> {
  await page.addInitScript(
    (saved) => localStorage.setItem('ferry-demo:chaos', saved),
    JSON.stringify(settings),
  )
}

/** Opens the orders screen on a fake clock, then stops that clock. */
async function openOrdersOnPausedClock(page: Page): Promise<void> {
  await page.clock.install()
  await openApp(page, '?view=orders')
  // pauseAt refuses a time already past; on a busy machine the page's clock may pass the one read just before.
  for (let margin = 500; ; margin *= 2) {
    const now = await page.evaluate(() => Date.now())
    const paused = await page.clock.pauseAt(now + margin).then(
      () => true,
      (error: unknown) => {
        if (margin >= 8_000) throw error
        return false
      },
    )
    if (paused) return
  }
}

/** Advances the clock in `stepMs` steps until `locator` contains `text` (at most `maxMs` of page time). */
async function runUntil(page: Page, locator: Locator, text: string | RegExp, maxMs = 30_000, stepMs = 250) {
  for (let waited = 0; waited < maxMs; waited += stepMs) {
    const shown = (await locator.count()) > 0 ? await locator.first().textContent() : null
    if (shown !== null && (typeof text === 'string' ? shown.includes(text) : text.test(shown))) return
    await page.clock.runFor(stepMs)
  }
  await expect(locator).toContainText(text, { timeout: 1 })
}

/** The seconds in the first "… N s" of `locator`'s text that follows `prefix`. */
async function secondsAfter(locator: Locator, prefix: string): Promise<number> {
  const text = (await locator.textContent()) ?? ''
  const match = new RegExp(`${prefix} (\\d+) s`).exec(text)
  if (!match) throw new Error(`No "${prefix} N s" in: ${text}`)
  return Number(match[1])
}

test('a hanging request says which attempt is running, never "Retrying in 0 s"', async ({ page }) => {
  test.setTimeout(60_000)
  await startWithChaos(page, { hangRate: 1 })
  await openOrdersOnPausedClock(page)
  await watchFirstMatch(page, 'zero', /Retrying in 0 s/)

  // Attempt 1 hangs until the client's 8 s per-attempt timeout; then a short backoff, then attempt 2 runs.
  await runUntil(page, ordersLoading(page), 'Attempt 2 of 3 running…')
  // Seconds into the attempt it still says so (it used to read "Retrying in 0 s" for the whole attempt).
  await page.clock.runFor(4_000)
  await expect(ordersLoading(page)).toContainText('Attempt 2 of 3 running…')

  await runUntil(page, ordersLoading(page), 'Attempt 3 of 3 running…')
  await page.clock.runFor(4_000)
  await expect(ordersLoading(page)).toContainText('Attempt 3 of 3 running…')
  expect(await firstMatch(page, 'zero')).toBeUndefined()
})

test('429: the banner and the error count down each second, then the screen retries on its own', async ({
  page,
}) => {
  test.setTimeout(60_000)
  await startWithChaos(page, { rateLimited: true })
  await openOrdersOnPausedClock(page)

  const banner = rateLimitBanner(page)
  await runUntil(page, banner, /resume in [2-5] s\./)
  const resume = await secondsAfter(banner, 'resume in')
  const spokenBanner = await page.getByRole('status').filter({ hasText: 'Rate limited.' }).textContent()
  await page.clock.runFor(1_000)
  await expect(banner).toContainText(`They resume in ${resume - 1} s.`)
  // What a screen reader was told stays as it was: the seconds tick outside the live region.
  await expect(page.getByRole('status').filter({ hasText: 'Rate limited.' })).toHaveText(spokenBanner ?? '')

  // Three attempts, two 5 s waits: then the error, which names the wait and counts it down.
  await runUntil(page, ordersErrorState(page), /Trying again on its own in [3-5] s\./)
  await expect(ordersError(page)).toContainText('Too many requests.')
  const left = await secondsAfter(ordersErrorState(page), 'Trying again on its own in')
  const spokenError = await ordersError(page).textContent()
  await page.clock.runFor(1_000)
  await expect(ordersErrorState(page)).toContainText(`Trying again on its own in ${left - 1} s.`)
  await page.clock.runFor(1_000)
  await expect(ordersErrorState(page)).toContainText(`Trying again on its own in ${left - 2} s.`)
  await expect(ordersError(page)).toHaveText(spokenError ?? '')
  await expect(ordersError(page)).not.toContainText('Trying again on its own in')

  // When the wait it announced is over, it asks again by itself: the loading state is back.
  await page.clock.runFor((left - 2) * 1_000 + 500)
  await expect(ordersError(page)).toHaveCount(0)
  await expect(ordersLoading(page)).toBeVisible()
})

test('an error with no wait to announce says plainly what will make it try again', async ({ page }) => {
  await startWithChaos(page, { serverErrorRate: 1, serverErrorKind: '500' })
  await openApp(page, '?view=orders')
  await expect(ordersErrorState(page)).toContainText(
    'It tries again on its own when the chaos is calmed; or press Retry.',
    { timeout: 15_000 },
  )
})
