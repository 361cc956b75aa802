import { expect, test } from './fixtures.ts'

test('the shell shows while the mock API’s service worker is still starting, and the data follows', async ({
  page,
}) => {
  // Hold the mock API's code (the lazily loaded chunk that starts the worker) until the shell has been seen.
  let release = () => {}
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  await page.route(/\/assets\/browser-[\w-]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/?view=orders')

  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chaos' }),
  ).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Loading orders' })).toBeAttached()
  expect(await page.evaluate(() => navigator.serviceWorker.controller === null)).toBe(true)

  release()
  await expect(page.getByRole('table', { name: 'Orders' }).locator('tbody tr')).toHaveCount(25)
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
})
