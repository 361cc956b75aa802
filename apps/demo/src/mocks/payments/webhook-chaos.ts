/**
 * How hostile the mock payment provider's webhook deliveries are (the chaos panel's "Webhooks" group). Apart
 * from `chaos.ts` because they act on the provider → backend deliveries, not on the app's requests. Persisted to
 * localStorage like the other chaos settings.
 */
export interface WebhookChaos {
  /** Every event is delivered a second time. */
  duplicate: boolean
  /** The first delivery of each event carries a signature 10 minutes old (outside the 5-minute window). */
  late: boolean
  /** The events of a payment arrive newest first. */
  outOfOrder: boolean
  /** An attacker's copy of the final event, with its body changed, arrives before the genuine one. */
  tampered: boolean
}

export const defaultWebhookChaos: WebhookChaos = Object.freeze({
  duplicate: false,
  late: false,
  outOfOrder: false,
  tampered: false,
})

export const webhookChaosStorageKey = 'ferry-demo:webhook-chaos'
const keys = ['duplicate', 'late', 'outOfOrder', 'tampered'] as const
const listeners = new Set<(settings: WebhookChaos) => void>()
let current: WebhookChaos | undefined

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined
  }
}

function sanitize(input: unknown, base: WebhookChaos): WebhookChaos {
  const next = { ...base }
  if (typeof input !== 'object' || input === null) return next
  for (const key of keys) {
    const value: unknown = Reflect.get(input, key)
    if (typeof value === 'boolean') next[key] = value
  }
  return next
}

function commit(next: WebhookChaos, persist: boolean): void {
  current = Object.freeze(next)
  try {
    if (persist) storage()?.setItem(webhookChaosStorageKey, JSON.stringify(next))
    else storage()?.removeItem(webhookChaosStorageKey)
  } catch {
    // Quota or disabled storage: the settings still apply for this page's life.
  }
  for (const listener of listeners) listener(current)
}

/**
 * The current settings (frozen, replaced on every change, so comparable by identity).
 *
 * @example
 * if (getWebhookChaos().duplicate) deliverAgain()
 */
export function getWebhookChaos(): WebhookChaos {
  if (!current) {
    let saved: unknown = null
    try {
      saved = JSON.parse(storage()?.getItem(webhookChaosStorageKey) ?? 'null')
    } catch {
      saved = null
    }
    current = Object.freeze(sanitize(saved, defaultWebhookChaos))
  }
  return current
}

/**
 * Changes some settings and persists them.
 *
 * @example
 * setWebhookChaos({ duplicate: true })
 */
export function setWebhookChaos(patch: Partial<WebhookChaos>): void {
  commit(sanitize(patch, getWebhookChaos()), true)
}

/** Back to well-behaved deliveries; forgets the persisted settings. */
export function resetWebhookChaos(): void {
  commit({ ...defaultWebhookChaos }, false)
}

/** Calls `listener` after every change; returns the unsubscribe function. */
export function subscribeWebhookChaos(listener: (settings: WebhookChaos) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
