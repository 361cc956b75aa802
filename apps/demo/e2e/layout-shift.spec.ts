import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { screens, widths } from './screens.ts'

declare global {
  interface Window {
    /** The layout shifts seen since the page started (not those right after a user's input), summed. */
    layoutShift?: number
  }
}

/**
 * Sums every layout shift from the first paint on, as a `PerformanceObserver` with `buffered: true` reports
 * them. A plain sum, stricter than Lighthouse's CLS (which takes the worst 5 s window of shifts).
 */
async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.layoutShift = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        // LayoutShift entries carry `value` and `hadRecentInput`; read them without a cast.
        const value: unknown = Reflect.get(entry, 'value')
        if (typeof value === 'number' && Reflect.get(entry, 'hadRecentInput') !== true)
          window.layoutShift = (window.layoutShift ?? 0) + value
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

/** The shifts so far, once two more frames have been drawn (a shift is reported after the frame it moved). */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.layoutShift ?? 0))),
      ),
  )

for (const { name: width, viewport } of widths) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport })

    for (const screen of screens) {
      test(`${screen.name}: loads with a layout shift under 0.05`, async ({ page }) => {
        await recordLayoutShifts(page)
        // A cold start, as a visitor's first one: the shell, then the worker, then the data.
        await page.goto(`/${screen.query}`)
        await screen.loaded(page)
        const shift = await layoutShift(page)
        test.info().annotations.push({ type: 'layout shift', description: `${width}: ${shift.toFixed(4)}` })
        expect(shift).toBeLessThan(0.05)
      })
    }
  })
}
