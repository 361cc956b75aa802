import { createRequire } from 'node:module'
import type { Page } from '@playwright/test'
import type * as Axe from 'axe-core'
import { chooseChaosPreset, expect, navTo, openApp, screenshot, test } from './fixtures.ts'
import { screens, widths } from './screens.ts'

// axe-core injected into the page (its own script, as TOOLCHAIN.md checked), rather than @axe-core/playwright:
// one dependency, no second copy of axe pinned by a wrapper, and the run's options in plain sight here.
const axeScript = createRequire(import.meta.url).resolve('axe-core')

declare global {
  interface Window {
    readonly axe: typeof Axe
  }
}

/** axe's serious and critical violations on the page as it is now, one line per offending element. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeScript })
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ['violations'] })
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) =>
        violation.nodes.map(
          (node) =>
            `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${node.failureSummary}`,
        ),
      )
  })
}

for (const { name: width, viewport } of widths) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport })

    for (const screen of screens) {
      test(`${screen.name}: axe finds no serious or critical violation`, async ({ page }, testInfo) => {
        await openApp(page, screen.query)
        await screen.loaded(page)
        if (screen.name === 'log') {
          // The log with entries in it: load the orders, then come back.
          await navTo(page, 'Orders')
          await expect(page.getByRole('table', { name: 'Orders' }).locator('tbody tr')).toHaveCount(25)
          await navTo(page, 'Request log')
          await expect(
            page.getByRole('list', { name: 'Requests' }).getByRole('listitem').first(),
          ).toBeVisible()
        }
        expect(await seriousViolations(page)).toEqual([])
        await screenshot(page, testInfo, `a11y-${screen.name}-${width}`)
      })
    }

    test('the error state, with chaos on: axe finds no serious or critical violation', async ({
      page,
    }, testInfo) => {
      // Three attempts with two 2 s waits before the error shows.
      test.setTimeout(60_000)
      await openApp(page, '?view=chaos')
      await chooseChaosPreset(page, 'Outage')
      await navTo(page, 'Orders')
      await expect(page.getByRole('alert').filter({ hasText: 'Could not load orders' })).toBeVisible({
        timeout: 15_000,
      })
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, testInfo, `a11y-error-${width}`)
    })
  })
}

test('rate limited (429): banner, retry countdown and error state pass axe, and the countdowns are not spoken', async ({
  page,
}) => {
  // Three attempts with two 5 s waits before the error shows.
  test.setTimeout(60_000)
  await openApp(page, '?view=chaos')
  await chooseChaosPreset(page, 'Rate limited')
  await navTo(page, 'Orders')
  await expect(page.locator('.banner').filter({ hasText: 'Rate limited.' })).toContainText(/resume in \d s/)
  expect(await seriousViolations(page)).toEqual([])
  const error = page.getByRole('region', { name: 'Could not load orders' })
  await expect(error).toContainText(/Trying again on its own in [3-5] s\./, { timeout: 20_000 })
  // What live regions say stays the same while the visible seconds tick: the countdown is not spoken.
  const spoken = () =>
    page
      .locator('[role="alert"], [role="status"], [aria-live="polite"], [aria-live="assertive"]')
      .evaluateAll((regions) =>
        regions.map((region) => {
          const copy = region.cloneNode(true)
          if (!(copy instanceof Element)) return ''
          for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove()
          return copy.textContent ?? ''
        }),
      )
  const seconds = async () =>
    Number(/Trying again on its own in (\d+) s\./.exec((await error.textContent()) ?? '')?.[1])
  const before = { spoken: await spoken(), seconds: await seconds() }
  await expect.poll(seconds).toBeLessThan(before.seconds)
  expect(await spoken()).toEqual(before.spoken)
  expect(await seriousViolations(page)).toEqual([])
})

test('the download progress bars (export, invoice): axe finds no serious or critical violation', async ({
  page,
}) => {
  await openApp(page, '?view=export')
  await page.getByRole('button', { name: 'Start export' }).click()
  await expect(page.getByRole('progressbar', { name: 'Exporting…' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await expect(page.getByRole('progressbar', { name: 'Export complete' })).toBeVisible({ timeout: 20_000 })
  expect(await seriousViolations(page)).toEqual([])

  await openApp(page, '?view=order&id=ORD-10042')
  page.on('download', (download) => void download.cancel())
  await page.getByRole('button', { name: 'Download invoice (PDF)' }).click()
  await expect(page.getByRole('progressbar', { name: 'Invoice downloaded.' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})
