import type { Page } from '@playwright/test'
import { expect } from './fixtures.ts'

/** A screen of the app: where it lives, and what shows that its content (not a loading state) arrived. */
export interface Screen {
  readonly name: string
  readonly query: string
  readonly loaded: (page: Page) => Promise<void>
}

const heading = (page: Page, name: string | RegExp) =>
  expect(page.getByRole('heading', { level: 1, name })).toBeVisible()

/** Every screen, with its data loaded: the axe and layout-shift checks visit each. */
export const screens: ReadonlyArray<Screen> = [
  {
    name: 'orders',
    query: '?view=orders',
    loaded: (page) => expect(page.getByRole('table', { name: 'Orders' }).locator('tbody tr')).toHaveCount(25),
  },
  {
    name: 'order',
    query: '?view=order&id=ORD-10042',
    loaded: (page) => expect(page.getByRole('table', { name: 'Items' })).toBeVisible(),
  },
  {
    name: 'order-missing',
    query: '?view=order',
    loaded: (page) => heading(page, 'Order not found'),
  },
  {
    name: 'feed',
    query: '?view=feed',
    loaded: (page) =>
      expect(page.getByRole('list', { name: 'Latest orders' }).getByRole('listitem')).toHaveCount(20),
  },
  {
    name: 'new',
    query: '?view=new',
    loaded: (page) => expect(page.getByRole('button', { name: 'Place order' })).toBeVisible(),
  },
  {
    name: 'export',
    query: '?view=export',
    loaded: (page) => expect(page.locator('form button[type="submit"]')).toBeVisible(),
  },
  {
    name: 'log',
    query: '?view=log',
    loaded: (page) => heading(page, 'Request log'),
  },
  {
    name: 'chaos',
    query: '?view=chaos',
    loaded: (page) => expect(page.getByRole('button', { name: /^Calm\b/ })).toBeVisible(),
  },
]

/** The two widths every screen is checked at: a laptop and a 375 px phone. */
export const widths = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 375, height: 812 } },
] as const
