import { describe, expectTypeOf, it } from 'vitest'
import { createClient } from './client.js'
import type { FerryError, RequestDescriptor } from './errors.js'
import { type HookRequest, hooks, type RetryRequest } from './hooks.js'
import type { BeforeRetryState, FerryRequest, Middleware } from './middleware.js'
import type { ClientOptions, FetchInit, RequestOptions } from './options.js'
import type { ShouldRetryState } from './retry.js'

// What a framework does (Next.js's `next`): augment the global RequestInit. `init` then types the key.
declare global {
  interface RequestInit {
    next?: { readonly revalidate?: number | false; readonly tags?: ReadonlyArray<string> }
  }
}

const api = createClient({ baseUrl: 'https://api.test' })

describe('init', () => {
  it('types the DOM keys', () => {
    expectTypeOf<FetchInit['cache']>().toEqualTypeOf<RequestCache | undefined>()
    expectTypeOf<FetchInit['priority']>().toEqualTypeOf<RequestPriority | undefined>()
    expectTypeOf<FetchInit['credentials']>().toEqualTypeOf<RequestCredentials | undefined>()
    expectTypeOf<FetchInit['integrity']>().toEqualTypeOf<string | undefined>()
    api.get('/a', { init: { priority: 'high', integrity: 'sha256-x', referrer: '', keepalive: true } })
    // @ts-expect-error not a priority
    api.get('/a', { init: { priority: 'urgent' } })
    // @ts-expect-error not a cache mode
    createClient({ init: { cache: 'sometimes' } })
  })

  it('leaves out what Ferry owns', () => {
    expectTypeOf<FetchInit>().not.toHaveProperty('body')
    expectTypeOf<FetchInit>().not.toHaveProperty('headers')
    expectTypeOf<FetchInit>().not.toHaveProperty('method')
    expectTypeOf<FetchInit>().not.toHaveProperty('signal')
    expectTypeOf<FetchInit>().not.toHaveProperty('window')
  })

  it('types a key added to the global RequestInit', () => {
    expectTypeOf<FetchInit['next']>().toEqualTypeOf<
      { readonly revalidate?: number | false; readonly tags?: ReadonlyArray<string> } | undefined
    >()
    api.get('/a', { init: { next: { revalidate: 60 } } })
    // @ts-expect-error revalidate is a number
    api.get('/a', { init: { next: { revalidate: '60' } } })
  })

  it('replaces the top-level fetch options of 0.2.0', () => {
    expectTypeOf<ClientOptions>().not.toHaveProperty('cache')
    expectTypeOf<ClientOptions>().not.toHaveProperty('credentials')
    expectTypeOf<RequestOptions>().not.toHaveProperty('keepalive')
    expectTypeOf<RequestOptions>().not.toHaveProperty('onResponse')
  })
})

describe('throwHttpErrors', () => {
  it('takes a boolean or a predicate of the status, on the client and the request', () => {
    expectTypeOf<ClientOptions['throwHttpErrors']>().toEqualTypeOf<
      boolean | ((status: number) => boolean) | undefined
    >()
    createClient({ throwHttpErrors: (status) => status !== 404 })
    api.get('/a', { throwHttpErrors: false })
    // @ts-expect-error the predicate returns a boolean
    api.get('/a', { throwHttpErrors: (status: number) => String(status) })
  })
})

describe('retry control and JSON', () => {
  it('types shouldRetry, delay, parseJson and stringifyJson', () => {
    createClient({
      retry: {
        shouldRetry: async (state) => {
          expectTypeOf(state).toEqualTypeOf<ShouldRetryState>()
          expectTypeOf(state.error).toEqualTypeOf<FerryError>()
          return state.attempt < 2 ? undefined : false
        },
        delay: (retry, error) => {
          expectTypeOf(retry).toEqualTypeOf<number>()
          expectTypeOf(error).toEqualTypeOf<FerryError>()
          return 100
        },
      },
      parseJson: (text) => JSON.parse(text),
      stringifyJson: (value) => JSON.stringify(value),
    })
    // @ts-expect-error delay returns ms
    createClient({ retry: { delay: () => '100' } })
  })
})

describe('hooks', () => {
  it('returns a Middleware with the seams', () => {
    const middleware = hooks({})
    expectTypeOf(middleware).toEqualTypeOf<Middleware>()
    expectTypeOf<NonNullable<Middleware['beforeRetry']>>().parameter(0).toEqualTypeOf<BeforeRetryState>()
  })

  it('types each hook’s arguments and what it may return', () => {
    hooks({
      beforeRequest: (request) => {
        expectTypeOf(request).toEqualTypeOf<HookRequest>()
        request.url = `${request.url}?signed=1`
        request.init.body = '{}'
        return undefined
      },
      afterResponse: [
        (request, response, state) => {
          expectTypeOf(request).toEqualTypeOf<FerryRequest>()
          expectTypeOf(response).toEqualTypeOf<Response>()
          expectTypeOf(state.attempt).toEqualTypeOf<number>()
          return response.status === 403 ? hooks.retry() : undefined
        },
        async (_, response) => (response.ok ? response : new Response('{}')),
      ],
      beforeRetry: (state) => {
        expectTypeOf(state.request).toEqualTypeOf<RequestDescriptor>()
        return state.attempt > 2 ? hooks.stop : undefined
      },
      beforeError: (error) => {
        expectTypeOf(error).toEqualTypeOf<FerryError>()
      },
    })
    expectTypeOf(hooks.retry()).toEqualTypeOf<RetryRequest>()
    // @ts-expect-error beforeRequest cannot return a string
    hooks({ beforeRequest: () => 'nope' })
    // @ts-expect-error beforeError returns a Ferry error
    hooks({ beforeError: () => new Error('plain') })
    hooks({
      afterResponse: (request: FerryRequest) => {
        // @ts-expect-error a FerryRequest's URL is read-only outside beforeRequest
        request.url = '/x'
      },
    })
  })
})
