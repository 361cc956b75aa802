// Shared by the hook and component tests: one msw server for the file, Testing Library cleanup (vitest runs
// without globals, so Testing Library cannot register it itself), and a client with fast retries.
import { type ClientOptions, createClient } from '@ferry/client'
import { cleanup } from '@testing-library/react'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'

export const BASE = 'http://api.test'
export const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  server.resetHandlers()
})
afterAll(() => server.close())

/** A client on `BASE` whose retries wait 1 ms unless told otherwise. */
export function testClient(options: ClientOptions = {}) {
  return createClient({ baseUrl: BASE, retry: { limit: 2, baseDelay: 1, maxDelay: 1 }, ...options })
}

/** Resolves after `ms` of (possibly fake) time, or when `signal` aborts: a server that takes its time. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Resolves when `signal` aborts: a server that never answers. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve())
  })
}
