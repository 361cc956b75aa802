import type { Client, RequestOptions, ResultOf, StandardSchemaV1 } from '@ferry/client'
import type { Retrying } from './view-state.js'

// No React here: `apiQuery` (which sends through it) must import on a React Server Component's server.
// Retry progress by owner: useFetch's shared request key, or a query's QueryClient and key. Module-level because
// TanStack's queryFn cannot reach the observers; an entry is removed when its request settles.
/** The retry progress of each owner whose request is retrying. */
export const progress = new Map<unknown, Retrying>()
/** Told the owner whose progress changed (`useRetrying`'s readers). */
export const listeners = new Set<(owner: unknown) => void>()

/**
 * `client.request` whose retry progress (announced by the client's `onRetry`, then passed on to the caller's)
 * is recorded under `owner` and told to the owner's readers, and forgotten once the request settles (the
 * settle itself renders, so no one is told).
 */
export function send<T, S extends StandardSchemaV1 | undefined>(
  client: Client,
  method: string,
  path: string,
  options: RequestOptions<S, 'auto'>,
  signal: AbortSignal,
  owner: unknown,
): Promise<ResultOf<T, S, 'auto'>> {
  return client
    .request<T, S>(method, path, {
      ...options,
      signal,
      onRetry: (info) => {
        options.onRetry?.(info)
        progress.set(owner, { ...info, at: Date.now() + info.delayMs })
        for (const listener of listeners) listener(owner)
      },
    })
    .finally(() => progress.delete(owner))
}
