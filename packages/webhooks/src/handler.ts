import { isWebhookError, type WebhookError } from './errors.js'
import { parseEvent, type WebhookEvent } from './event.js'
import type { Secrets } from './hmac.js'
import { memoryStore } from './memory-store.js'
import { DEFAULT_MAX_BODY_BYTES, readLimited } from './read-body.js'
import { parseSignatureHeader } from './signature-header.js'
import type { ClaimResult, WebhookStore } from './store.js'
import { createVerifier } from './verify.js'

/** What the handler's `handle` receives besides the event. */
export interface WebhookContext {
  readonly request: Request
  /** The signature's timestamp, in Unix seconds. */
  readonly timestamp: number
  /** The verified body as text. */
  readonly payload: string
}

/**
 * How one delivery ended, with the status it was answered with:
 * - `handled` (200): verified, claimed, `handle` resolved. `storeError` is set when marking it done failed.
 * - `duplicate` (200): the event was handled before; acknowledged, not handled again.
 * - `in-progress` (409 + `Retry-After`): another delivery of the event is being handled right now.
 * - `refused` (400): no body, bad signature, outside the window, not JSON, no `id`/`type`; nothing handled.
 *   (413 for a body over `maxBodyBytes`, code `body-too-large`.)
 * - `failed` (500): `handle` threw (its claim released, so a redelivery runs it again) or the store failed.
 */
export type WebhookResult =
  | {
      readonly outcome: 'handled'
      readonly status: 200
      readonly event: WebhookEvent
      readonly storeError?: unknown
    }
  | { readonly outcome: 'duplicate'; readonly status: 200; readonly event: WebhookEvent }
  | { readonly outcome: 'in-progress'; readonly status: 409; readonly event: WebhookEvent }
  | { readonly outcome: 'refused'; readonly status: 400 | 413; readonly error: WebhookError }
  | {
      readonly outcome: 'failed'
      readonly status: 500
      readonly event: WebhookEvent
      readonly error: unknown
    }

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /** The endpoint's signing secret, or several during a rotation. */
  readonly secret: Secrets
  /** Does the work for one event. Throw to have the provider deliver it again later. */
  readonly handle: (event: WebhookEvent, context: WebhookContext) => unknown
  /** Where claims are kept. Default: a `memoryStore()` of this handler (one process only). */
  readonly store?: WebhookStore
  /** Replay window in seconds. Default 300. */
  readonly tolerance?: number
  /** The clock, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number
  /** The header holding the signature. Default `'stripe-signature'`. */
  readonly signatureHeader?: string
  /** The `Retry-After` (seconds) of an `in-progress` answer. Default 5. */
  readonly retryAfterSeconds?: number
  /**
   * The largest body read, in bytes: a larger one is answered 413 (`body-too-large`) and not read further.
   * Default 1 MiB (1,048,576).
   */
  readonly maxBodyBytes?: number
  /**
   * Called once per delivery with its outcome: log it, count it. What it throws is ignored: the provider is
   * answered by the outcome (a handled event must not be delivered again because a logger failed).
   */
  readonly onResult?: (result: WebhookResult) => void
}

/**
 * A webhook endpoint as a Web-standard `(request: Request) => Promise<Response>`: verifies the signature,
 * parses the event, claims its id in the store, runs `handle` once per event however often it is delivered,
 * and answers the provider. Use it as it is in Next.js route handlers, Hono, Bun and Deno; `toNodeHandler`
 * adapts it to node:http and Express.
 *
 * @example
 * export const POST = createWebhookHandler({
 *   secret: process.env.STRIPE_WEBHOOK_SECRET!,
 *   handle: async (event) => { if (event.type === 'payment_intent.succeeded') await markPaid(event) },
 * })
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  const verify = createVerifier(options.secret, {
    ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  const store = options.store ?? memoryStore(options.now === undefined ? {} : { now: options.now })
  const headerName = options.signatureHeader ?? 'stripe-signature'
  const retryAfter = String(options.retryAfterSeconds ?? 5)
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError(
      `createWebhookHandler: maxBodyBytes must be a positive whole number of bytes, got ${maxBodyBytes}.`,
    )
  }

  const run = async (request: Request): Promise<WebhookResult> => {
    let event: WebhookEvent
    let context: WebhookContext
    try {
      const header = request.headers.get(headerName)
      // The header first: a request without a well-formed one is refused before its body is read at all.
      parseSignatureHeader(header)
      const body = await readLimited(request, maxBodyBytes)
      const verified = await verify(body, header)
      event = parseEvent(verified.payload)
      context = { request, timestamp: verified.timestamp, payload: verified.payload }
    } catch (error) {
      if (!isWebhookError(error)) throw error
      request.body?.cancel().catch(() => undefined)
      return { outcome: 'refused', status: error.code === 'body-too-large' ? 413 : 400, error }
    }

    let claim: ClaimResult
    try {
      claim = await store.claim(event.id)
    } catch (error) {
      return { outcome: 'failed', status: 500, event, error }
    }
    if (claim.status === 'done') return { outcome: 'duplicate', status: 200, event }
    if (claim.status === 'in-progress') return { outcome: 'in-progress', status: 409, event }

    try {
      await options.handle(event, context)
    } catch (error) {
      // Released so that the provider's redelivery runs the handler again (a release that fails too leaves the
      // claim to expire after the store's lockTtlMs).
      await store.release(event.id, claim.token).catch(() => undefined)
      return { outcome: 'failed', status: 500, event, error }
    }
    try {
      await store.complete(event.id, claim.token)
    } catch (storeError) {
      // Handled all the same: answering 500 would make the provider redeliver an event that already ran.
      return { outcome: 'handled', status: 200, event, storeError }
    }
    return { outcome: 'handled', status: 200, event }
  }

  return async (request) => {
    const result = await run(request)
    try {
      options.onResult?.(result)
    } catch {
      // A logger's bug must not change the answer: a handled event would be delivered (and handled) again.
    }
    return respond(result, retryAfter)
  }
}

/** The answer to the provider: the status and a small JSON body a person reading the delivery log understands. */
function respond(result: WebhookResult, retryAfter: string): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  let body: Record<string, string>
  switch (result.outcome) {
    case 'refused':
      body = { outcome: 'refused', error: result.error.code, message: result.error.message }
      // The rest of an oversized body is not read: the connection cannot be reused.
      if (result.status === 413) headers.connection = 'close'
      break
    case 'in-progress':
      headers['retry-after'] = retryAfter
      body = {
        outcome: 'in-progress',
        id: result.event.id,
        message: 'This event is being handled; retry later.',
      }
      break
    case 'failed':
      // The error itself stays on this side (onResult): it may hold internal details.
      body = { outcome: 'failed', id: result.event.id, message: 'Handling failed; deliver the event again.' }
      break
    default:
      body = { outcome: result.outcome, id: result.event.id }
  }
  return new Response(JSON.stringify(body), { status: result.status, headers })
}
