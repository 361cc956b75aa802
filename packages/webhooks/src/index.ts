// The public API of @ferry/webhooks, listed name by name.

export { isWebhookError, WebhookError, type WebhookErrorCode } from './errors.js'
export type { WebhookEvent } from './event.js'
export {
  createWebhookHandler,
  type WebhookContext,
  type WebhookHandlerOptions,
  type WebhookResult,
} from './handler.js'
export type { Secrets } from './hmac.js'
export { type MemoryStoreOptions, memoryStore } from './memory-store.js'
export {
  type NodeHandlerOptions,
  type NodeRequestLike,
  type NodeResponseLike,
  toNodeHandler,
} from './node-handler.js'
export type { RawBody } from './raw-body.js'
export { type RedisCommandClient, type RedisStoreOptions, redisStore } from './redis-store.js'
export { type SignOptions, signWebhook } from './sign.js'
export type { ClaimResult, StoreTtlOptions, WebhookStore } from './store.js'
export {
  createVerifier,
  DEFAULT_TOLERANCE,
  type VerifiedWebhook,
  type Verifier,
  type VerifyOptions,
  verifyWebhook,
} from './verify.js'
