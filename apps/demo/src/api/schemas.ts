import { z } from 'zod'

/**
 * The Orders API's shapes: the contract between the mock API (src/mocks) and the app. Amounts are integer
 * cents so that totals add up exactly.
 */
export const OrderStatus = z.enum(['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'])
export type OrderStatus = z.infer<typeof OrderStatus>

export const OrderItem = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().positive(),
  unitPriceCents: z.number().int().nonnegative(),
})
export type OrderItem = z.infer<typeof OrderItem>

export const Customer = z.object({ id: z.string(), name: z.string(), email: z.string() })
export type Customer = z.infer<typeof Customer>

export const Order = z.object({
  id: z.string(),
  number: z.number().int(),
  customer: Customer,
  items: z.array(OrderItem),
  totalCents: z.number().int().nonnegative(),
  currency: z.literal('EUR'),
  status: OrderStatus,
  createdAt: z.string(),
})
export type Order = z.infer<typeof Order>

export const PageMeta = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  totalPages: z.number().int(),
  hasNextPage: z.boolean(),
})

/** `GET /api/orders?page&pageSize&status&q&sort` */
export const OrdersPage = z.object({ data: z.array(Order), meta: PageMeta })
export type OrdersPage = z.infer<typeof OrdersPage>

/** `GET /api/orders/feed?cursor&limit` */
export const OrdersFeed = z.object({
  data: z.array(Order),
  meta: z.object({ nextCursor: z.string().nullable() }),
})
export type OrdersFeed = z.infer<typeof OrdersFeed>

/** Sort keys accepted by `GET /api/orders`: a field, `-field` for descending. */
export const OrderSort = z.enum(['createdAt', '-createdAt', 'totalCents', '-totalCents', 'number', '-number'])
export type OrderSort = z.infer<typeof OrderSort>

/** `POST /api/orders` body; the form validates it before sending, the server again. */
export const NewOrder = z.object({
  customerName: z.string().trim().min(2, 'Enter the customer’s name'),
  email: z.email('Enter a valid email address'),
  items: z
    .array(
      z.object({ sku: z.string().min(1, 'Choose a product'), quantity: z.number().int().min(1).max(99) }),
    )
    .min(1, 'Add at least one item'),
  note: z.string().max(500).optional(),
})
export type NewOrder = z.infer<typeof NewOrder>

/** The catalogue the form offers and the mock prices from. */
export const Product = z.object({ sku: z.string(), name: z.string(), unitPriceCents: z.number().int() })
export type Product = z.infer<typeof Product>
