import { readFile } from 'node:fs/promises'
import { OrdersPage } from '../src/api/schemas.ts'
import { apiGet, expect, firstMatch, openApp, screenshot, test, watchFirstMatch } from './fixtures.ts'

test('the export streams every order, its progress bar reaching 100 %', async ({ page }, testInfo) => {
  await openApp(page, '?view=export')
  const { body } = await apiGet(page, '/api/orders?pageSize=1')
  const total = OrdersPage.parse(body).meta.total
  expect(total).toBe(2400)

  await page.getByRole('button', { name: 'Start export' }).click()
  await expect(page.getByRole('heading', { name: 'Exporting…' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: /of 2,400 orders/ })).toBeVisible()
  // Content-Length came through the service worker: the client's download progress is a fraction at once.
  const bar = page.getByRole('progressbar', { name: 'Exporting…' })
  await expect(bar).toHaveAttribute('aria-valuetext', /^\d+ %, [\d.]+ [kM]?B of 1\.2 MB$/)
  await screenshot(page, testInfo, 'export-running')

  await expect(page.getByRole('heading', { name: 'Export complete' })).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('status').filter({ hasText: 'orders' })).toHaveText(
    '2,400 of 2,400 orders (100 %)',
  )
  const done = page.getByRole('progressbar', { name: 'Export complete' })
  await expect(done).toHaveAttribute('value', '100')
  await expect(done).toHaveAttribute('aria-valuetext', '100 %, 1.2 MB of 1.2 MB')
  expect(
    await done.evaluate((element) => (element instanceof HTMLProgressElement ? element.position : -1)),
  ).toBe(1)
  await expect(page.getByRole('button', { name: 'Save 2,400 orders as NDJSON' })).toBeVisible()
  await screenshot(page, testInfo, 'export-complete')
})

test('the invoice download of an order is a PDF, with its progress', async ({ page }, testInfo) => {
  await openApp(page)
  const firstOrder = page.getByRole('table', { name: 'Orders' }).getByRole('link').first()
  const number = await firstOrder.textContent()
  await firstOrder.click()
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible()

  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download invoice (PDF)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^invoice-.+\.pdf$/)
  const bytes = await readFile(await download.path())
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(bytes.subarray(-8).toString('latin1')).toContain('%%EOF')
  await expect(page.getByRole('status').filter({ hasText: 'Invoice downloaded.' })).toBeVisible()
  // The bar follows the client's download progress of the PDF (streamed in 8 chunks) to its full size.
  const bar = page.getByRole('progressbar', { name: 'Invoice downloaded.' })
  await expect(bar).toHaveAttribute('value', '100')
  const size = `${(bytes.length / 1000).toFixed(1)} kB`
  await expect(bar).toHaveAttribute('aria-valuetext', `100 %, ${size} of ${size}`)
  await screenshot(page, testInfo, 'order-detail-invoice')
})

test('an invoice sent without Content-Length shows the bytes received, then completes', async ({
  page,
}, testInfo) => {
  // The chaos switch "Downloads without a size": the mock API streams the PDF with no Content-Length.
  await page.addInitScript(() =>
    localStorage.setItem('ferry-demo:chaos', JSON.stringify({ unsizedDownloads: true })),
  )
  await openApp(page, '?view=order&id=ORD-10042')
  await watchFirstMatch(page, 'received', /[\d.]+ k?B received/)
  page.on('download', (download) => void download.cancel())
  await page.getByRole('button', { name: 'Download invoice (PDF)' }).click()
  const bar = page.getByRole('progressbar', { name: /^(Downloading the invoice…|Invoice downloaded\.)$/ })
  await expect(bar).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Invoice downloaded.' })).toBeVisible()
  // While it arrived, the page said how much had come (caught as it appeared: 8 chunks in about 0.6 s).
  expect(await firstMatch(page, 'received')).toMatch(/^[\d.]+ k?B received$/)
  await expect(bar).toHaveAttribute('value', '100')
  await expect(bar).toHaveAttribute('aria-valuetext', /^100 %, ([\d.]+ kB) of \1$/)
  await expect(page.locator('.invoice__bytes')).toHaveText(/^100 %, ([\d.]+ kB) of \1$/)
  await screenshot(page, testInfo, 'invoice-unsized')
})
