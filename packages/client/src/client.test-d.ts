import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { createClient } from './client.js'
import {
  type AnyFerryError,
  type ErrorKind,
  type FerryError,
  isAbortError,
  isApiError,
  isCircuitOpenError,
  isFerryError,
  isHttpError,
  isNetworkError,
  isParseError,
  isTimeoutError,
  isValidationError,
  type ProblemDetails,
  type RequestDescriptor,
} from './errors.js'
import type { FerryEvent } from './events.js'
import type { BeforeRetryState, Middleware } from './middleware.js'
import { type ObserveOptions, observe } from './observe.js'
import type { ClientOptions } from './options.js'
import { byCursor, byMeta, paginate } from './paginate.js'
import { redactedHeaders } from './redacted-headers.js'
import type { RetryOptions, RetryReason, ShouldRetryState } from './retry.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import { stream } from './stream.js'
import { envelope } from './unwrap.js'

const api = createClient({ baseUrl: 'https://api.test' })

// Input and output differ (a transform), so these tests tell the schema's output from its input.
const ZodOrder = z.object({ id: z.number(), total: z.string().transform(Number), tags: z.array(z.string()) })
interface OrderOut {
  id: number
  total: number
  tags: string[]
}
const ValibotOrder = v.object({ id: v.number(), total: v.pipe(v.string(), v.transform(Number)) })
interface Order {
  readonly id: number
  readonly status: 'open' | 'paid'
}
interface OrdersPage {
  readonly data: Order[]
  readonly meta: { readonly page: number; readonly hasNextPage: boolean }
}

describe('a schema types the result', () => {
  it('gives a zod 4 schema’s output type from every method', () => {
    expectTypeOf(api.get('/orders/1', { schema: ZodOrder })).resolves.toEqualTypeOf<OrderOut>()
    expectTypeOf(api.post('/orders', { body: {}, schema: ZodOrder })).resolves.toEqualTypeOf<OrderOut>()
    expectTypeOf(api.put('/orders/1', { schema: ZodOrder })).resolves.toEqualTypeOf<OrderOut>()
    expectTypeOf(api.patch('/orders/1', { schema: ZodOrder })).resolves.toEqualTypeOf<OrderOut>()
    expectTypeOf(api.delete('/orders/1', { schema: ZodOrder })).resolves.toEqualTypeOf<OrderOut>()
    expectTypeOf(api.request('GET', '/orders/1', { schema: ZodOrder })).resolves.toEqualTypeOf<OrderOut>()
    expectTypeOf(api.get('/orders', { schema: z.array(ZodOrder) })).resolves.toEqualTypeOf<OrderOut[]>()
  })

  it('gives the output, not the input, of the schema', () => {
    expectTypeOf(api.get('/orders/1', { schema: ZodOrder })).resolves.not.toEqualTypeOf<
      z.input<typeof ZodOrder>
    >()
    expectTypeOf<StandardSchemaV1.InferOutput<typeof ZodOrder>>().toEqualTypeOf<OrderOut>()
  })

  it('gives a valibot schema’s output type', () => {
    expectTypeOf(api.get('/orders/1', { schema: ValibotOrder })).resolves.toEqualTypeOf<{
      id: number
      total: number
    }>()
  })

  it('lets the schema win over `as` and over a type argument', () => {
    expectTypeOf(api.get('/orders/1', { schema: ZodOrder, as: 'text' })).resolves.toEqualTypeOf<OrderOut>()
  })

  it('types a derived client the same way', () => {
    const child = api.extend({ headers: { 'X-Tenant': 'acme' } })
    expectTypeOf(child.get('/orders/1', { schema: ZodOrder })).resolves.toEqualTypeOf<OrderOut>()
  })
})

describe('`as` types the result', () => {
  it('maps each reader to its type', () => {
    expectTypeOf(api.get('/a', { as: 'text' })).resolves.toEqualTypeOf<string>()
    expectTypeOf(api.get('/a', { as: 'blob' })).resolves.toEqualTypeOf<Blob>()
    expectTypeOf(api.get('/a', { as: 'arrayBuffer' })).resolves.toEqualTypeOf<ArrayBuffer>()
    expectTypeOf(api.get('/a', { as: 'formData' })).resolves.toEqualTypeOf<FormData>()
    expectTypeOf(api.get('/a', { as: 'response' })).resolves.toEqualTypeOf<Response>()
    expectTypeOf(api.post('/a', { as: 'text', body: 'x' })).resolves.toEqualTypeOf<string>()
    expectTypeOf(api.request('OPTIONS', '/a', { as: 'response' })).resolves.toEqualTypeOf<Response>()
  })

  it('is unknown by default, for auto and for json', () => {
    expectTypeOf(api.get('/a')).resolves.toEqualTypeOf<unknown>()
    expectTypeOf(api.get('/a', {})).resolves.toEqualTypeOf<unknown>()
    expectTypeOf(api.get('/a', { as: 'auto' })).resolves.toEqualTypeOf<unknown>()
    expectTypeOf(api.get('/a', { as: 'json' })).resolves.toEqualTypeOf<unknown>()
    expectTypeOf(api.request('GET', '/a')).resolves.toEqualTypeOf<unknown>()
  })

  it('rejects an unknown reader', () => {
    // @ts-expect-error 'xml' is not a way to read a body
    void api.get('/a', { as: 'xml' })
  })
})

describe('a type argument types the result', () => {
  it('gives get<Order>() the type Order', () => {
    expectTypeOf(api.get<Order>('/orders/1')).resolves.toEqualTypeOf<Order>()
    expectTypeOf(api.post<Order>('/orders', { body: { status: 'open' } })).resolves.toEqualTypeOf<Order>()
    expectTypeOf(api.request<Order>('PUT', '/orders/1')).resolves.toEqualTypeOf<Order>()
  })
})

describe('head, stream and paginate', () => {
  it('resolves head to the Response', () => {
    expectTypeOf(api.head('/orders')).resolves.toEqualTypeOf<Response>()
    // @ts-expect-error HEAD has no body to read or validate
    void api.head('/orders', { schema: ZodOrder })
  })

  it('yields the schema’s output from stream', () => {
    expectTypeOf(stream(api, '/export', { schema: ZodOrder })).toEqualTypeOf<
      AsyncGenerator<OrderOut, void, undefined>
    >()
    expectTypeOf(stream<Order>(api, '/export')).toEqualTypeOf<AsyncGenerator<Order, void, undefined>>()
    expectTypeOf(stream(api, '/export')).toEqualTypeOf<AsyncGenerator<unknown, void, undefined>>()
  })

  it('yields the page type from paginate', async () => {
    expectTypeOf(paginate<OrdersPage>(api, '/orders', { next: byMeta() })).toEqualTypeOf<
      AsyncGenerator<OrdersPage, void, undefined>
    >()
    const Page = z.object({ data: z.array(ZodOrder), nextCursor: z.string().nullable() })
    for await (const page of paginate(api, '/orders', { schema: Page, next: byCursor() })) {
      expectTypeOf(page).toEqualTypeOf<{ data: OrderOut[]; nextCursor: string | null }>()
    }
  })

  it('types the page a custom `next` receives', () => {
    void paginate<OrdersPage>(api, '/orders', {
      next: (page) => {
        expectTypeOf(page).toEqualTypeOf<OrdersPage>()
        return page.meta.hasNextPage && { query: { page: page.meta.page + 1 } }
      },
    })
  })
})

describe('errors and callbacks', () => {
  it('narrows an unknown error with the guards', () => {
    const error: unknown = new Error('x')
    if (isHttpError(error)) {
      expectTypeOf(error.status).toEqualTypeOf<number>()
      expectTypeOf(error.problem).toEqualTypeOf<ProblemDetails | undefined>()
      expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>()
      expectTypeOf<typeof error.kind>().toEqualTypeOf<'http'>()
    }
    if (isTimeoutError(error)) {
      expectTypeOf(error.scope).toEqualTypeOf<'attempt' | 'total'>()
      expectTypeOf(error.timeoutMs).toEqualTypeOf<number>()
    }
    if (isParseError(error)) expectTypeOf(error.text).toEqualTypeOf<string>()
    if (isValidationError(error))
      expectTypeOf(error.issues).toEqualTypeOf<ReadonlyArray<StandardSchemaV1.Issue>>()
    if (isCircuitOpenError(error)) expectTypeOf(error.retryAt).toEqualTypeOf<number>()
    if (isApiError(error)) expectTypeOf(error.code).toEqualTypeOf<string | number | undefined>()
    if (isNetworkError(error)) expectTypeOf<typeof error.kind>().toEqualTypeOf<'network'>()
    if (isFerryError(error)) {
      expectTypeOf(error).toEqualTypeOf<FerryError>()
      expectTypeOf(error.kind).toEqualTypeOf<ErrorKind>()
      expectTypeOf(error.request).toEqualTypeOf<RequestDescriptor>()
      expectTypeOf(error.attempts).toEqualTypeOf<number>()
    }
    expectTypeOf(isAbortError).returns.toEqualTypeOf<boolean>()
  })

  it('types onRetry’s info and narrows events by type', () => {
    void api.get('/a', {
      onRetry: (info) => {
        expectTypeOf(info.attempt).toEqualTypeOf<number>()
        expectTypeOf(info.limit).toEqualTypeOf<number>()
        expectTypeOf(info.delayMs).toEqualTypeOf<number>()
        expectTypeOf(info.reason).toEqualTypeOf<RetryReason>()
      },
    })
    createClient({
      events: observe((event) => {
        expectTypeOf(event).toEqualTypeOf<FerryEvent>()
        if (event.type === 'retry') expectTypeOf(event.delayMs).toEqualTypeOf<number>()
        if (event.type === 'error') expectTypeOf(event.kind).toEqualTypeOf<ErrorKind | 'caller'>()
        if (event.type === 'response') expectTypeOf(event.status).toEqualTypeOf<number>()
      }),
    })
  })
})

describe('AnyFerryError', () => {
  it('narrows on kind to the class and its fields', () => {
    const explain = (error: AnyFerryError) => {
      if (error.kind === 'http') expectTypeOf(error.status).toEqualTypeOf<number>()
      if (error.kind === 'timeout') expectTypeOf(error.scope).toEqualTypeOf<'attempt' | 'total'>()
      if (error.kind === 'api') expectTypeOf(error.detail).toEqualTypeOf<string>()
    }
    expectTypeOf(explain).parameter(0).toEqualTypeOf<AnyFerryError>()
  })
})

describe('opt-in steps as options', () => {
  it('takes unwrap only as an envelope() step, and header views only from a function', () => {
    const read = (body: unknown) => body
    expectTypeOf(envelope(read)).toExtend<NonNullable<ClientOptions['unwrap']>>()
    expectTypeOf(read).not.toExtend<NonNullable<ClientOptions['unwrap']>>()
    expectTypeOf(redactedHeaders(['X-Session'])).toExtend<NonNullable<ObserveOptions['includeHeaders']>>()
    expectTypeOf(true).not.toExtend<ObserveOptions['includeHeaders']>()
    expectTypeOf(observe(() => {})).toExtend<NonNullable<ClientOptions['events']>>()
    expectTypeOf(() => {}).not.toExtend<ClientOptions['events']>()
  })
})

describe('issue-10 core seams', () => {
  it('types init as fetch options without body, headers, method or signal', () => {
    expectTypeOf<{ priority: 'high'; cache: 'no-store' }>().toExtend<NonNullable<ClientOptions['init']>>()
    expectTypeOf<{ body: string }>().not.toExtend<NonNullable<ClientOptions['init']>>()
    expectTypeOf<{ signal: AbortSignal }>().not.toExtend<NonNullable<ClientOptions['init']>>()
  })

  it('takes throwHttpErrors as a boolean or a function of the status', () => {
    expectTypeOf(false).toExtend<ClientOptions['throwHttpErrors']>()
    expectTypeOf((status: number) => status !== 404).toExtend<ClientOptions['throwHttpErrors']>()
    expectTypeOf('no').not.toExtend<ClientOptions['throwHttpErrors']>()
  })

  it('lets a middleware carry beforeRetry and beforeError, both optional', () => {
    const step: Middleware = (request, next) => next(request)
    step.beforeRetry = ({ attempt, delayMs, error }) => {
      expectTypeOf(error).toEqualTypeOf<FerryError>()
      return attempt + delayMs < 10
    }
    step.beforeError = (error) => error
    expectTypeOf(step.beforeRetry).parameter(0).toEqualTypeOf<BeforeRetryState>()
  })

  it('types shouldRetry’s state and delay’s arguments', () => {
    const retry: NonNullable<RetryOptions> = {
      shouldRetry: ({ error, attempt, retries }) => {
        expectTypeOf(error).toEqualTypeOf<FerryError>()
        expectTypeOf(attempt + retries).toEqualTypeOf<number>()
        return undefined
      },
      delay: (retry, error) => retry * 100 + error.attempts,
    }
    expectTypeOf(retry.shouldRetry).toEqualTypeOf<RetryOptions['shouldRetry']>()
    expectTypeOf<ShouldRetryState['retries']>().toEqualTypeOf<number>()
  })
})
