import { apiGet, expect, navTo, openApp, screenshot, test } from './fixtures.ts'

/** The id of the newest pending order of the seeded data, asked from the mock API inside the page. */
async function pendingOrderId(page: Parameters<typeof apiGet>[0]): Promise<string> {
  const { body } = await apiGet(page, '/api/orders?status=pending&pageSize=1&sort=-number')
  const id: unknown =
    typeof body === 'object' && body !== null
      ? Reflect.get(Reflect.get(body, 'data')?.[0] ?? {}, 'id')
      : undefined
  if (typeof id !== 'string') throw new Error(`no pending order in ${JSON.stringify(body)}`)
  return id
}

// Each payment is several deliveries 0.7 s apart (slow enough to watch), plus a production build's first load.
test.describe.configure({ timeout: 60_000 })

test('an order is paid through signed webhooks; hostile deliveries are ignored or refused, and the log says why', async ({
  page,
}, testInfo) => {
  // Webhook deliveries are real fetches from the page, answered by the MSW worker: count them.
  const deliveries: number[] = []
  page.on('response', (response) => {
    if (response.url().endsWith('/api/webhooks/payments')) deliveries.push(response.status())
  })

  await openApp(page, '?view=chaos')
  const webhooks = page.getByRole('region', { name: 'Payment webhooks' })
  await webhooks.getByRole('checkbox', { name: /Deliver twice/ }).check()
  await webhooks.getByRole('checkbox', { name: /Tampered copy/ }).check()

  const id = await pendingOrderId(page)
  // A reload: the webhook chaos was saved in this browser, so it still applies.
  await openApp(page, `?view=order&id=${id}`)
  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(summary.getByText('Pending')).toBeVisible()
  const panel = page.getByRole('region', { name: 'Payment' })
  await expect(panel.getByRole('status')).toHaveText('Not paid yet.')

  await panel.getByRole('radio', { name: /4242/ }).check()
  await panel.getByRole('button', { name: /^Pay €/ }).click()
  await expect(panel.getByRole('status')).toHaveText(/^Processing/)
  await expect(panel.getByRole('status')).toHaveText(/^Paid €[\d.,]+, confirmed by a signed webhook\.$/)
  await expect(summary.getByText('Paid')).toBeVisible()

  const list = panel.getByRole('list', { name: 'Webhook deliveries' })
  // processing ×2 (original, duplicate); succeeded: tampered copy, original, duplicate.
  await expect(list.getByRole('listitem')).toHaveCount(5)
  const tampered = list.getByRole('listitem').filter({ hasText: 'tampered copy' })
  await expect(tampered.getByText('Refused · 400')).toBeVisible()
  await expect(tampered).toContainText('no-matching-signature')
  await expect(list.getByText('Ignored: duplicate · 200')).toHaveCount(2)
  await expect(list.getByText('Accepted · 200')).toHaveCount(2)
  await expect(panel.getByRole('button', { name: /^Pay/ })).toHaveCount(0)
  expect(deliveries.sort()).toEqual([200, 200, 200, 200, 400])
  await screenshot(page, testInfo, 'payment-hostile-deliveries')

  // The request log lists each delivery beside the client's requests.
  await navTo(page, 'Request log')
  const log = page.getByRole('list', { name: 'Requests' })
  await expect(log.getByText(/^Webhook$/)).toHaveCount(5)
  await expect(log.getByRole('listitem').filter({ hasText: 'tampered copy' })).toContainText('Refused · 400')
  await page.getByRole('checkbox', { name: 'Only retried and failed requests' }).check()
  await expect(log.getByText(/^Webhook$/)).toHaveCount(1)
})

test('a late delivery is refused outside the replay window, then accepted on the redelivery', async ({
  page,
}) => {
  await openApp(page, '?view=chaos')
  await page
    .getByRole('region', { name: 'Payment webhooks' })
    .getByRole('checkbox', { name: /Deliver late/ })
    .check()
  const id = await pendingOrderId(page)
  await openApp(page, `?view=order&id=${id}`)
  const panel = page.getByRole('region', { name: 'Payment' })
  await panel.getByRole('radio', { name: /0002/ }).check()
  await panel.getByRole('button', { name: /^Pay €/ }).click()
  await expect(panel.getByRole('status')).toHaveText('Payment failed: Your card was declined.')
  const list = panel.getByRole('list', { name: 'Webhook deliveries' })
  await expect(list.getByRole('listitem')).toHaveCount(4)
  const late = list.getByRole('listitem').filter({ hasText: 'late: signed 10 min ago' })
  await expect(late).toHaveCount(2)
  // 600 s before it was sent; 601 when the verification falls in the next second.
  await expect(late.first()).toContainText(/outside-tolerance: The signature is 60[01] s old/)
  await expect(list.getByRole('listitem').filter({ hasText: 'redelivery, fresh signature' })).toHaveCount(2)
  // Declined: the order stays pending and can be paid again.
  await expect(page.getByRole('region', { name: 'Summary' }).getByText('Pending')).toBeVisible()
  await expect(panel.getByRole('button', { name: /^Pay €/ })).toBeVisible()
})
