import { http, type RequestHandler } from 'msw'
import { NewOrder, type Order } from '../api/schemas.js'
import { apiRoute, type RouteContext } from './api-route.js'
import { slowOrderGatewayMs, slowOrderProcessingMs } from './chaos.js'
import { addOrder, catalogue, findOrder, findProduct, getOrders } from './data.js'
import { ndjsonLength, ndjsonStream } from './export-stream.js'
import {
  fingerprint,
  finishProcessing,
  inProgress,
  recall,
  remember,
  startProcessing,
} from './idempotency.js'
import { filterOrders, maxPageSize, parseFilter, parseListQuery, sortOrders } from './orders-query.js'
import { paymentHandlers } from './payments/routes.js'
import { invoicePdf } from './pdf.js'
import { type FieldError, problem, validationProblem } from './problem.js'
import { sleep } from './sleep.js'
import { slowBody } from './slow-body.js'

/**
 * The Orders API of the demo, as MSW handlers: the same handlers serve the browser (service worker), the tests
 * (msw/node) and the previews. Paths match `/api/...` on any origin, so a relative `baseUrl: '/api'` and an
 * absolute one both work.
 */
export interface HandlerOptions {
  /** Pause between NDJSON export chunks, in ms. Default 40 (an export of everything takes about 2 s); 0 in tests. */
  readonly exportChunkDelayMs?: number
  /** Records per NDJSON export chunk. Default 50. */
  readonly exportChunkSize?: number
  /** Pause between the 8 chunks of an invoice PDF, in ms. Default 80 (about half a second); 0 in tests. */
  readonly invoiceChunkDelayMs?: number
}

function notFound(id: string): Response {
  return problem(404, 'not-found', 'Order not found', `There is no order with the id "${id}".`, {
    orderId: id,
  })
}

function listOrders({ url, chaos }: RouteContext): Response {
  const query = parseListQuery(url.searchParams)
  if (!query.ok) {
    return validationProblem(400, query.errors.map((error) => error.message).join('; '), query.errors)
  }
  const { page, pageSize, sort } = query.value
  const matching = chaos.forceEmpty ? [] : filterOrders(getOrders(), query.value)
  const total = matching.length
  const totalPages = Math.ceil(total / pageSize)
  const data = sortOrders(matching, sort).slice((page - 1) * pageSize, page * pageSize)
  const response = Response.json({
    data,
    meta: { page, pageSize, total, totalPages, hasNextPage: page < totalPages },
  })
  response.headers.set('X-Total-Count', String(total))
  const links: string[] = []
  const link = (target: number, rel: string): void => {
    const next = new URL(url)
    next.searchParams.set('page', String(target))
    links.push(`<${next.href}>; rel="${rel}"`)
  }
  if (page < totalPages) link(page + 1, 'next')
  if (page > 1 && totalPages > 0) link(Math.min(page - 1, totalPages), 'prev')
  if (totalPages > 0) {
    link(1, 'first')
    link(totalPages, 'last')
  }
  if (links.length > 0) response.headers.set('Link', links.join(', '))
  return response
}

/** Cursors are opaque to clients: base64 of the last order number seen. */
function encodeCursor(order: Order): string {
  return btoa(`after:${order.number}`)
}

function decodeCursor(cursor: string): number | undefined {
  try {
    const match = /^after:(\d+)$/.exec(atob(cursor))
    return match?.[1] === undefined ? undefined : Number(match[1])
  } catch {
    return undefined
  }
}

function orderFeed({ url, chaos }: RouteContext): Response {
  const errors: FieldError[] = []
  const cursor = url.searchParams.get('cursor') || undefined
  const after = cursor === undefined ? undefined : decodeCursor(cursor)
  if (cursor !== undefined && after === undefined) {
    errors.push({ field: 'cursor', message: 'cursor is not one this API returned' })
  }
  const rawLimit = url.searchParams.get('limit') || '20'
  const limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : Number.NaN
  if (!(limit >= 1 && limit <= maxPageSize)) {
    errors.push({
      field: 'limit',
      message: `limit must be an integer from 1 to ${maxPageSize}, got "${rawLimit}"`,
    })
  }
  const filter = parseFilter(url.searchParams, errors)
  if (errors.length > 0)
    return validationProblem(400, errors.map((error) => error.message).join('; '), errors)
  // Newest first; a cursor is an order number, so orders created meanwhile never shift the pages.
  const rows = chaos.forceEmpty ? [] : sortOrders(filterOrders(getOrders(), filter), '-number')
  const start = after === undefined ? 0 : rows.findIndex((order) => order.number < after)
  const data = start < 0 ? [] : rows.slice(start, start + limit)
  const last = data.at(-1)
  const hasMore = start >= 0 && start + limit < rows.length
  return Response.json({ data, meta: { nextCursor: hasMore && last ? encodeCursor(last) : null } })
}

function getOrder({ id }: RouteContext): Response {
  const order = findOrder(id)
  return order ? Response.json(order) : notFound(id)
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse(await request.text()) }
  } catch {
    return { ok: false }
  }
}

const keyReused = () =>
  problem(
    422,
    'idempotency-key-reused',
    'Idempotency-Key reused',
    'This Idempotency-Key was already used with a different request body. Use a new key for a new order.',
  )

async function createOrder({ request, chaos }: RouteContext): Promise<Response> {
  const key = request.headers.get('Idempotency-Key')?.trim()
  if (!key) {
    return problem(
      400,
      'idempotency-key-required',
      'Idempotency-Key required',
      'POST /api/orders needs an Idempotency-Key header so that a retried request cannot create a second order.',
    )
  }
  if (key.length > 255) {
    return problem(
      400,
      'idempotency-key-invalid',
      'Invalid Idempotency-Key',
      'The key must be at most 255 characters.',
    )
  }
  const body = await readJson(request)
  if (!body.ok)
    return problem(400, 'malformed-body', 'Malformed request body', 'The request body is not valid JSON.')
  const print = fingerprint(body.value)
  const stored = recall(key)
  if (stored) {
    if (stored.fingerprint !== print) {
      return keyReused()
    }
    return new Response(stored.body, {
      status: stored.status,
      headers: {
        'Content-Type': 'application/json',
        Location: stored.location,
        'Idempotent-Replayed': 'true',
      },
    })
  }
  const working = inProgress(key)
  if (working !== undefined) {
    if (working !== print) return keyReused()
    const busy = problem(
      409,
      'order-in-progress',
      'Order still being processed',
      'An order with this Idempotency-Key is still being processed. Ask again shortly: you will get its result.',
    )
    busy.headers.set('Retry-After', '2')
    return busy
  }
  const parsed = NewOrder.safeParse(body.value)
  const errors: FieldError[] = parsed.success
    ? parsed.data.items.flatMap((item, index) =>
        findProduct(item.sku)
          ? []
          : [{ field: `items.${index}.sku`, message: `Unknown product "${item.sku}"` }],
      )
    : parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.'),
        message: issue.message,
      }))
  if (!parsed.success || errors.length > 0) {
    return validationProblem(422, 'The order has invalid fields.', errors)
  }
  const create = () => {
    const order = addOrder(parsed.data)
    const location = `${request.url.replace(/[?#].*$/, '').replace(/\/$/, '')}/${order.id}`
    const text = JSON.stringify(order)
    remember(key, { fingerprint: print, status: 201, body: text, location })
    return new Response(text, {
      status: 201,
      headers: { 'Content-Type': 'application/json', Location: location },
    })
  }
  if (!chaos.slowOrders) return create()
  // The server works on, whatever happens to this request; the gateway in front of it gives up first.
  startProcessing(key, print)
  setTimeout(() => {
    create()
    finishProcessing(key)
  }, slowOrderProcessingMs)
  await sleep(slowOrderGatewayMs, request.signal)
  const gatewayTimeout = problem(
    504,
    'gateway-timeout',
    'Gateway timeout',
    'The order service did not answer in time. It may still be working on the order.',
  )
  gatewayTimeout.headers.set('Retry-After', '120')
  return gatewayTimeout
}

function exportOrders({ request, url, chaos }: RouteContext, options: HandlerOptions): Response {
  const errors: FieldError[] = []
  const filter = parseFilter(url.searchParams, errors)
  if (errors.length > 0)
    return validationProblem(400, errors.map((error) => error.message).join('; '), errors)
  const rows = chaos.forceEmpty ? [] : sortOrders(filterOrders(getOrders(), filter), 'number')
  const stream = ndjsonStream(rows, {
    chunkDelayMs: options.exportChunkDelayMs ?? 40,
    chunkSize: options.exportChunkSize ?? 50,
    signal: request.signal,
  })
  return new Response(stream, {
    headers: {
      'Content-Type': 'application/x-ndjson',
      'X-Total-Count': String(rows.length),
      // The length is known before the first byte, so the client can report the download as a fraction
      // (unless the chaos sends downloads unsized).
      ...(chaos.unsizedDownloads ? {} : { 'Content-Length': String(ndjsonLength(rows)) }),
      'Content-Disposition': 'attachment; filename="orders.ndjson"',
      'Cache-Control': 'no-store',
    },
  })
}

function invoice({ id, request, chaos }: RouteContext, options: HandlerOptions): Response {
  const order = findOrder(id)
  if (!order) return notFound(id)
  const pdf = invoicePdf(order)
  const delayMs = options.invoiceChunkDelayMs ?? 80
  return new Response(slowBody(pdf, { parts: 8, delayMs, signal: request.signal }), {
    headers: {
      'Content-Type': 'application/pdf',
      ...(chaos.unsizedDownloads ? {} : { 'Content-Length': String(pdf.length) }),
      'Content-Disposition': `attachment; filename="invoice-${order.id}.pdf"`,
    },
  })
}

function products(): Response {
  return Response.json(catalogue)
}

function unknownRoute({ request, url }: RouteContext): Response {
  return problem(404, 'no-route', 'Not found', `The API has no route ${request.method} ${url.pathname}.`)
}

/**
 * The handlers with options (e.g. `exportChunkDelayMs: 0` for tests).
 *
 * @example
 * const server = setupServer(...createHandlers({ exportChunkDelayMs: 0 }))
 */
export function createHandlers(options: HandlerOptions = {}): RequestHandler[] {
  return [
    http.get('*/api/orders', apiRoute('json', listOrders)),
    http.post('*/api/orders', apiRoute('json', createOrder)),
    http.get('*/api/orders/feed', apiRoute('json', orderFeed)),
    http.get(
      '*/api/orders/export',
      apiRoute('other', (context) => exportOrders(context, options)),
    ),
    http.get('*/api/orders/:id', apiRoute('json', getOrder)),
    http.get(
      '*/api/orders/:id/invoice',
      apiRoute('other', (context) => invoice(context, options)),
    ),
    http.get('*/api/products', apiRoute('json', products)),
    ...paymentHandlers,
    http.all('*/api/*', apiRoute('json', unknownRoute)),
  ]
}

/**
 * Every endpoint of the mock Orders API, with the browser's slow export stream.
 *
 * @example
 * setupWorker(...handlers).start()
 */
export const handlers: RequestHandler[] = createHandlers()
