import { describe, expectTypeOf, it } from 'vitest'
import type { WebhookError } from './errors.js'
import type { WebhookEvent } from './event.js'
import { createWebhookHandler, type WebhookResult } from './handler.js'
import { redisStore } from './redis-store.js'
import type { VerifiedWebhook } from './verify.js'
import { verifyWebhook } from './verify.js'

describe('types', () => {
  it('the handler is a Web-standard route handler', () => {
    const handler = createWebhookHandler({ secret: 'whsec_x', handle: () => undefined })
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>()
  })

  it('a result narrows by outcome: only refusals carry a WebhookError, only events carry an event', () => {
    expectTypeOf<Extract<WebhookResult, { outcome: 'refused' }>['error']>().toEqualTypeOf<WebhookError>()
    expectTypeOf<Extract<WebhookResult, { outcome: 'refused' }>>().not.toHaveProperty('event')
    expectTypeOf<Extract<WebhookResult, { outcome: 'duplicate' }>['event']>().toEqualTypeOf<WebhookEvent>()
    expectTypeOf<Extract<WebhookResult, { outcome: 'in-progress' }>['status']>().toEqualTypeOf<409>()
  })

  it('an event has string id and type; the rest is unknown until checked', () => {
    expectTypeOf<WebhookEvent['id']>().toEqualTypeOf<string>()
    expectTypeOf<WebhookEvent['data']>().toEqualTypeOf<unknown>()
  })

  it('refuses a parsed body and secrets that are not strings at compile time', () => {
    // @ts-expect-error a parsed object is not a raw body
    void verifyWebhook({ id: 'evt_1' }, 't=1,v1=00', 'whsec_x')
    // @ts-expect-error secrets are strings
    void verifyWebhook('{}', 't=1,v1=00', 42)
    expectTypeOf(verifyWebhook('{}', null, ['a', 'b'])).resolves.toEqualTypeOf<VerifiedWebhook>()
  })

  it('takes any client with sendCommand(args), node-redis included', () => {
    expectTypeOf(redisStore).parameter(0).toEqualTypeOf<{ sendCommand(args: string[]): Promise<unknown> }>()
    type NodeRedis = ReturnType<typeof import('redis').createClient>
    expectTypeOf<NodeRedis>().toMatchTypeOf<Parameters<typeof redisStore>[0]>()
  })
})
