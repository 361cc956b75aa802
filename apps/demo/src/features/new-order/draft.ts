import { isHttpError } from '@ferry/client'
import { NewOrder, type NewOrder as NewOrderValue } from '../../api/schemas'

/** The form as typed: quantities are text until validated. */
export interface DraftItem {
  readonly key: string
  readonly sku: string
  readonly quantity: string
}

export interface Draft {
  readonly customerName: string
  readonly email: string
  readonly items: ReadonlyArray<DraftItem>
  readonly note: string
}

/** Field errors by path: `customerName`, `email`, `items`, `items.0.sku`, `items.0.quantity`, `note`. */
export type FieldErrors = Readonly<Record<string, string>>

let itemCount = 0
export const newItem = (): DraftItem => ({ key: `item-${++itemCount}`, sku: '', quantity: '1' })
export const emptyDraft = (): Draft => ({ customerName: '', email: '', items: [newItem()], note: '' })

/** What the form would send: trimmed text, numbers from the quantity fields, no empty note. */
export function toNewOrder(draft: Draft): unknown {
  const note = draft.note.trim()
  return {
    customerName: draft.customerName.trim(),
    email: draft.email.trim(),
    items: draft.items.map((item) => ({
      sku: item.sku,
      quantity: item.quantity.trim() === '' ? Number.NaN : Number(item.quantity),
    })),
    ...(note ? { note } : {}),
  }
}

/** Words for the schema's terse messages, by the last segment of the path. */
function message(path: string, fallback: string): string {
  if (path.endsWith('.quantity')) return 'Enter a quantity from 1 to 99'
  if (path === 'note') return 'Keep the note under 500 characters'
  return fallback
}

/** Validates the draft with the API's own `NewOrder` schema: the order to send, or the errors by field. */
export function validateDraft(
  draft: Draft,
):
  | { readonly ok: true; readonly order: NewOrderValue }
  | { readonly ok: false; readonly errors: FieldErrors } {
  const result = NewOrder.safeParse(toNewOrder(draft))
  if (result.success) return { ok: true, order: result.data }
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.')
    errors[path] ??= message(path, issue.message)
  }
  return { ok: false, errors }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The server's field errors from a 422 problem+json `errors` member: a list of `{ path, message }` (path as
 * a string or segments) or a record of field → message(s). Empty when the shape is unknown.
 */
export function serverFieldErrors(error: unknown): FieldErrors {
  if (!isHttpError(error) || error.status !== 422) return {}
  const raw = error.problem?.errors
  const out: Record<string, string> = {}
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      if (!isRecord(entry) || typeof entry.message !== 'string') continue
      const path = Array.isArray(entry.path)
        ? entry.path.map(String).join('.')
        : String(entry.path ?? entry.field ?? '')
      if (path) out[path] ??= entry.message
    }
  } else if (isRecord(raw)) {
    for (const [path, value] of Object.entries(raw)) {
      const text = Array.isArray(value) ? value[0] : value
      if (typeof text === 'string') out[path] = text
    }
  }
  return out
}
