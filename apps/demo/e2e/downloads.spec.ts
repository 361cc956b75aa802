import { readFile } from 'node:fs/promises'
import { OrdersPage } from '../src/api/schemas.ts'
import { apiGet, expect, openApp, screenshot, test } from './fixtures.ts'

test('the export streams every order and reaches the total count', async ({ page }, testInfo) => {
  await openApp(page, '?view=export')
  const { body } = await apiGet(page, '/api/orders?pageSize=1')
  const total = OrdersPage.parse(body).meta.total
  expect(total).toBe(2400)

  await page.getByRole('button', { name: 'Start export' }).click()
  await expect(page.getByRole('heading', { name: 'Exporting…' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: /of 2,400 orders/ })).toBeVisible()
  await screenshot(page, testInfo, 'export-running')

  await expect(page.getByRole('heading', { name: 'Export complete' })).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('status').filter({ hasText: 'orders' })).toHaveText(
    '2,400 of 2,400 orders (100 %)',
  )
  await expect(page.getByRole('progressbar')).toHaveAttribute('value', String(total))
  await expect(page.getByRole('button', { name: 'Save 2,400 orders as NDJSON' })).toBeVisible()
  await screenshot(page, testInfo, 'export-complete')
})

test('the invoice download of an order is a PDF', async ({ page }, testInfo) => {
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
  await screenshot(page, testInfo, 'order-detail-invoice')
})
