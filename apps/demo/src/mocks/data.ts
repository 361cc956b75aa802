import type { Customer, NewOrder, Order, OrderItem, OrderStatus, Product } from '../api/schemas.js'
import { resetFaults } from './faults.js'
import { resetIdempotency } from './idempotency.js'
import { resetPayments } from './payments/payment-state.js'
import { pick, randomInt, seededRandom } from './random.js'
import { resetRateLimit } from './rate-limit.js'

/**
 * The mock API's database: 2,400 seeded orders (same seed, same orders on every machine) over the 18 months
 * before `dataNow`, plus whatever `POST /api/orders` adds. Amounts are integer cents.
 */

/** The seeded orders' "now": fixed so the data is identical on every run; created orders use the real clock. */
export const dataNow = Date.UTC(2026, 10, 24, 17, 30)
export const seededOrderCount = 2400
const firstOrderNumber = 10001
const dayMs = 86_400_000
const spanMs = 548 * dayMs // 18 months

export const catalogue: Product[] = [
  { sku: 'MUG-CER-350', name: 'Ceramic mug 350 ml', unitPriceCents: 1450 },
  { sku: 'MUG-ENM-300', name: 'Enamel camp mug', unitPriceCents: 1890 },
  { sku: 'TEA-SEN-100', name: 'Sencha green tea, 100 g', unitPriceCents: 990 },
  { sku: 'TEA-ERL-250', name: 'Earl Grey loose leaf, 250 g', unitPriceCents: 1650 },
  { sku: 'COF-ETH-500', name: 'Ethiopia Yirgacheffe beans, 500 g', unitPriceCents: 2390 },
  { sku: 'COF-COL-1K', name: 'Colombia Huila beans, 1 kg', unitPriceCents: 3990 },
  { sku: 'GRN-BUR-01', name: 'Conical burr grinder', unitPriceCents: 12900 },
  { sku: 'KET-GOO-08', name: 'Gooseneck kettle 0.8 l', unitPriceCents: 7450 },
  { sku: 'DRP-V60-02', name: 'Pour-over dripper, size 02', unitPriceCents: 2200 },
  { sku: 'FLT-PAP-100', name: 'Paper filters (100)', unitPriceCents: 690 },
  { sku: 'PRS-FRN-1L', name: 'French press 1 l', unitPriceCents: 3490 },
  { sku: 'SCL-DIG-01', name: 'Digital brew scale', unitPriceCents: 4990 },
  { sku: 'TMP-STL-58', name: 'Espresso tamper 58 mm', unitPriceCents: 2990 },
  { sku: 'JAR-VAC-05', name: 'Vacuum storage jar', unitPriceCents: 2750 },
  { sku: 'BOT-TRV-05', name: 'Insulated travel bottle 0.5 l', unitPriceCents: 2900 },
  { sku: 'TWL-BAR-03', name: 'Barista towels (3)', unitPriceCents: 1290 },
  { sku: 'SUB-COF-MON', name: 'Coffee subscription, monthly', unitPriceCents: 2490 },
  { sku: 'GFT-CRD-50', name: 'Gift card €50', unitPriceCents: 5000 },
  { sku: 'BK-BREW-01', name: 'The Brewing Handbook (book)', unitPriceCents: 3200 },
  { sku: 'CUP-TST-06', name: 'Cupping spoons (6)', unitPriceCents: 1990 },
  { sku: 'STK-FRE-01', name: 'Free sticker', unitPriceCents: 0 },
]

// Names with accents, apostrophes, spaces and length: search and layout must cope with them.
const firstNames = [
  'Ada,Amélie,Anders,Aoife,Bjørn,Camille,Chidi,Dmitri,Elena,Émile,Farah,Giulia,Hana,Hiroshi,Ines,Jürgen',
  'Kai,Kateřina,Lars,Léa,Luca,Maja,Mateo,Mei,Nadia,Noah,Olu,Paweł,Priya,Rafael,Renée,Sami,Siobhán,Sofia',
  'Tomás,Yara,Zoë,Ólafur,Ngozi,Wei,Maximilian-Alexander',
]
  .join(',')
  .split(',')
const lastNames = [
  "Andersson,Bakker,Becker,Costa,Dubois,Eriksen,Fernández,García,Hansen,Ivanova,Jansen,Kowalski,O'Brien",
  'Laurent,Müller,Nakamura,Okafor,Petrović,Quinn,Rossi,Schmidt,Søndergaard,Tanaka,Umarov,van der Berg',
  'Virtanen,Weiß,Xu,Yılmaz,Zieliński,Wolfeschlegelsteinhausen',
]
  .join(',')
  .split(',')
const emailDomains = ['example.com', 'mail.example', 'post.example.org', 'example.net']

function emailPart(text: string): string {
  return text
    .replace(/ø/gi, 'o')
    .replace(/ß/g, 'ss')
    .replace(/ł/gi, 'l')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase()
}

function seedOrders(): Order[] {
  const random = seededRandom(20_240_611)
  const customers = Array.from({ length: 320 }, (_, index) => {
    const first = pick(random, firstNames)
    const last = pick(random, lastNames)
    const suffix = random() < 0.3 ? String(randomInt(random, 1, 99)) : ''
    return {
      id: `CUS-${String(index + 1).padStart(4, '0')}`,
      name: `${first} ${last}`,
      email: `${emailPart(first)}.${emailPart(last)}${suffix}@${pick(random, emailDomains)}`,
    }
  })
  // Order times: a growing shop (more orders lately, so every status has a few pages), sorted ascending so
  // order numbers follow creation time like a real sequence.
  const times = Array.from(
    { length: seededOrderCount },
    () => dataNow - Math.floor(random() ** 1.6 * spanMs),
  ).sort((a, b) => a - b)
  return times.map((time, index) => {
    const items = seedItems(random)
    return {
      id: `ORD-${firstOrderNumber + index}`,
      number: firstOrderNumber + index,
      customer: pick(random, customers),
      items,
      totalCents: totalOf(items),
      currency: 'EUR',
      status: seedStatus(random, dataNow - time),
      createdAt: new Date(time).toISOString(),
    }
  })
}

function seedItems(random: () => number): OrderItem[] {
  const count = randomInt(random, 1, 5)
  const products = new Set<Product>()
  while (products.size < count) products.add(pick(random, catalogue))
  return [...products].map((product) => ({
    sku: product.sku,
    name: product.name,
    quantity: random() < 0.7 ? 1 : randomInt(random, 2, 6),
    unitPriceCents: product.unitPriceCents,
  }))
}

/** Recent orders are still moving; old ones have settled. */
function seedStatus(random: () => number, ageMs: number): OrderStatus {
  const roll = random()
  if (roll < 0.05) return 'cancelled'
  if (roll < 0.08) return 'refunded'
  if (ageMs < 2 * dayMs) return roll < 0.5 ? 'pending' : 'paid'
  if (ageMs < 7 * dayMs) return roll < 0.15 ? 'pending' : roll < 0.55 ? 'paid' : 'shipped'
  if (ageMs < 21 * dayMs) return roll < 0.3 ? 'shipped' : 'delivered'
  return 'delivered'
}

function totalOf(items: ReadonlyArray<OrderItem>): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0)
}

/** The existing customer with this email (case-insensitive), or a new one. */
function customerFor(name: string, email: string): Customer {
  const known = orders.find((order) => order.customer.email.toLowerCase() === email.toLowerCase())?.customer
  return known ?? { id: `CUS-${String(orders.length + 1).padStart(4, '0')}N`, name, email }
}

let orders: Order[] = seedOrders()
const seeded = orders.slice()

/**
 * Every order, oldest first (seeded ones, then created ones). Treat the result as read-only.
 *
 * @example
 * getOrders().length // 2400 after resetData()
 */
export function getOrders(): ReadonlyArray<Order> {
  return orders
}

/**
 * The order with this id (case-insensitive), or undefined.
 *
 * @example
 * findOrder('ORD-10042')?.customer.name
 */
export function findOrder(id: string): Order | undefined {
  const wanted = id.toUpperCase()
  return orders.find((order) => order.id === wanted)
}

/**
 * Looks up a catalogue product by SKU.
 *
 * @example
 * findProduct('MUG-CER-350')?.unitPriceCents // 1450
 */
export function findProduct(sku: string): Product | undefined {
  return catalogue.find((product) => product.sku === sku)
}

/**
 * Creates an order from a validated `NewOrder` (every SKU must be in the catalogue): priced from the
 * catalogue, status 'pending', the next order number, created now.
 *
 * @example
 * const order = addOrder({ customerName: 'Ada Lovelace', email: 'ada@example.com', items: [{ sku: 'MUG-CER-350', quantity: 2 }] })
 */
export function addOrder(input: NewOrder, now: number = Date.now()): Order {
  const items = input.items.map((line): OrderItem => {
    const product = findProduct(line.sku)
    if (!product) throw new RangeError(`unknown SKU ${line.sku}`)
    return {
      sku: product.sku,
      name: product.name,
      quantity: line.quantity,
      unitPriceCents: product.unitPriceCents,
    }
  })
  const number = (orders.at(-1)?.number ?? firstOrderNumber - 1) + 1
  const email = input.email.trim()
  const order: Order = {
    id: `ORD-${number}`,
    number,
    customer: customerFor(input.customerName.trim(), email),
    items,
    totalCents: totalOf(items),
    currency: 'EUR',
    status: 'pending',
    createdAt: new Date(now).toISOString(),
  }
  orders = [...orders, order]
  return order
}

/**
 * Sets an order's status (a payment webhook marks it paid).
 *
 * @example
 * setOrderStatus('ORD-12401', 'paid')
 */
export function setOrderStatus(id: string, status: OrderStatus): void {
  orders = orders.map((order) => (order.id === id ? { ...order, status } : order))
}

/**
 * Back to the mock server's first state: the 2,400 seeded orders (created ones dropped), no stored
 * Idempotency-Keys, no payments, a fresh rate-limit window, the chaos rolls from their seed. Chaos settings
 * are apart: `resetChaos()`. For tests.
 *
 * @example
 * beforeEach(() => resetData())
 */
export function resetData(): void {
  orders = seeded.slice()
  resetIdempotency()
  resetPayments()
  resetRateLimit()
  resetFaults()
}
