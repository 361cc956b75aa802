import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'

/**
 * The tests' `test`: every page fails its test on an uncaught exception in the app (a crash the UI might hide
 * behind an error state), so each spec also proves the app did not throw.
 */
export const test = base.extend<{ pageErrors: Error[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = []
      page.on('pageerror', (error) => errors.push(error))
      await use(errors)
      expect(
        errors.map((error) => error.message),
        'uncaught exceptions in the page',
      ).toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

/** Opens the app (optionally at `?query`) and waits until the mock API's service worker controls the page. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`)
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null)
}

/** GET an /api path from inside the page, where the MSW worker answers it, and return the status and JSON body. */
export async function apiGet(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { Accept: 'application/json' } })
    const text = await response.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body }
  }, path)
}

/**
 * A full-page screenshot of a state, into test-results/screenshots/<name>.png (kept together so they are easy
 * to look through) and attached to the test's report.
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = join(testInfo.project.outputDir, 'screenshots')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  // From the top: a full-page shot of a scrolled page draws the sticky header in the middle.
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

/** Goes to a screen through the main navigation (in place: the page, its mock API and request log stay). */
export async function navTo(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

/** The chaos panel's scenario buttons are named by the scenario, then its description. */
export async function chooseChaosPreset(page: Page, name: string): Promise<void> {
  const preset = page.getByRole('button', { name: new RegExp(`^${name}\\b`) })
  await preset.click()
  await expect(preset).toHaveAttribute('aria-pressed', 'true')
}

/**
 * Remembers the first text in the page that matches `pattern`, from now on, seen by a MutationObserver (it runs
 * before the next paint, so a countdown's first value cannot be missed by polling). Read it with `firstMatch`.
 */
export async function watchFirstMatch(page: Page, key: string, pattern: RegExp): Promise<void> {
  await page.evaluate(
    ([name, source, flags]) => {
      const regex = new RegExp(source, flags)
      const look = () => {
        if (document.documentElement.dataset[name] !== undefined) return true
        const found = document.body.textContent?.match(regex)
        if (found) document.documentElement.dataset[name] = found[0]
        return found !== null && found !== undefined
      }
      if (look()) return
      const observer = new MutationObserver(() => {
        if (look()) observer.disconnect()
      })
      observer.observe(document.body, { subtree: true, childList: true, characterData: true })
    },
    [key, pattern.source, pattern.flags] as const,
  )
}

/** The text `watchFirstMatch` recorded under `key` (undefined until one appeared). */
export async function firstMatch(page: Page, key: string): Promise<string | undefined> {
  return page.evaluate((name) => document.documentElement.dataset[name], key)
}
