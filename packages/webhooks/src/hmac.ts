// HMAC-SHA256 on Web Crypto (`globalThis.crypto.subtle`): the same code in Node 20, edge runtimes, browsers and
// service workers, and no dependency. One HMAC per secret, compared with each candidate in constant time.

const encoder = new TextEncoder()

/** One secret or several (during a rotation every one of them is tried). */
export type Secrets = string | readonly string[]

/** The secrets as a non-empty list; an empty secret is a configuration mistake, refused before any request. */
export function secretList(secret: Secrets, caller: string): readonly string[] {
  const list = typeof secret === 'string' ? [secret] : secret
  if (!Array.isArray(list) || list.length === 0 || list.some((s) => typeof s !== 'string' || s === '')) {
    throw new TypeError(
      `${caller}: no signing secret. Pass the endpoint's secret (Stripe's starts with "whsec_"), or an array of ` +
        'secrets during a rotation; none may be empty.',
    )
  }
  return list
}

/** Imports a secret as an HMAC-SHA256 key; the whole string is the key, as Stripe uses it. */
export function importHmacKey(secret: string): Promise<CryptoKey> {
  return subtle().importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ])
}

/** The bytes a signature covers: `"<timestamp>.<body>"`. */
export function signedContent(timestamp: number, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`)
  const content = new Uint8Array(prefix.length + body.length)
  content.set(prefix)
  content.set(body, prefix.length)
  return content
}

/** HMAC-SHA256 of `content` with `key`. */
export async function hmac(key: CryptoKey, content: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign('HMAC', key, content))
}

/**
 * Whether `a` and `b` hold the same bytes, in a time that depends only on their length (not on where they
 * differ): a signature compared byte by byte with an early exit tells an attacker how many bytes are right.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return difference === 0
}

function subtle(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle
  if (!subtle) {
    throw new TypeError(
      '@ferry/webhooks needs Web Crypto (globalThis.crypto.subtle): Node 20+, an edge runtime, or a browser ' +
        'page served over https or localhost.',
    )
  }
  return subtle
}
