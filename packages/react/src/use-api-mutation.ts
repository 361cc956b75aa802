'use client'
import {
  type Client,
  type FerryError,
  isHttpError,
  type RequestOptions,
  type ResultOf,
  type StandardSchemaV1,
} from '@ferry/client'
import { type UseMutationOptions, type UseMutationResult, useMutation } from '@tanstack/react-query'
import { useRef } from 'react'
import { useFerryClient } from './provider.js'
import { stableKey } from './stable-key.js'

/** The parts of a request that a mutation's variables decide. */
export type MutationRequest = Pick<RequestOptions, 'body' | 'params' | 'query' | 'headers'>

/** Options of `useApiMutation`: the request's options, the client, and how variables become a request. */
export interface ApiMutationOptions<V, S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'auto'>, 'signal' | 'as' | 'body' | 'idempotencyKey'> {
  readonly client?: Client | undefined
  /** Maps the variables to the request. Default: the variables are the body. */
  readonly toRequest?: ((variables: V) => MutationRequest) | undefined
}

/** TanStack's own mutation options (`onSuccess`, `onSettled`, `mutationKey`…), minus the function and retry. */
export type MutationTuning<T, V> = Omit<
  UseMutationOptions<T, FerryError, V>,
  'mutationFn' | 'retry' | 'retryDelay'
>

/** A TanStack mutation result, plus the submission's idempotency key and whether the server replayed it. */
export type ApiMutationResult<T, V> = UseMutationResult<T, FerryError, V> & {
  /** The `Idempotency-Key` of the latest submission. */
  readonly idempotencyKey: string | undefined
  /** The server answered the latest submission from its idempotency store (`Idempotent-Replayed: true`). */
  readonly replayed: boolean
}

/** One logical submission: its key, its request in flight, whether its key was sent, whether it was replayed. */
interface Submission<T> {
  readonly key: string
  running?: Promise<T> | undefined
  sent: boolean
  replayed: boolean
}

/** How often a 409 "in progress" is waited out before it is reported, and the wait without `Retry-After`. */
const IN_PROGRESS_WAITS = 5
const IN_PROGRESS_DELAY = 1_000

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
/** A random key; `randomUUID` exists only in secure contexts (an http:// intranet page has none). */
const newKey = () => crypto.randomUUID?.() ?? hex(crypto.getRandomValues(new Uint8Array(16)))

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 10_000)))

/**
 * An idempotent submission. One `Idempotency-Key` per logical submission — per distinct variables (compared
 * by value; FormData, Blob and the like by reference) — kept until it succeeds: the client's automatic
 * retries and a manual "try again" after an ambiguous failure (network, timeout, 5xx: the server may have
 * done it) reuse it, also after other submissions were sent in between, so the server can replay instead of
 * acting twice. A 4xx (the server refused: nothing happened) forgets it, and so does `reset()`. A second
 * press with the same variables while the first is in flight joins it; a 409 "in progress" answered to a key
 * already sent means the first attempt is still being worked on: the hook waits (by `Retry-After`) and asks
 * again, staying `pending`, so the first attempt's success becomes this one's.
 *
 * @example
 * const create = useApiMutation('POST', '/orders', { schema: Order, toRequest: (draft: Draft) => ({ body: draft }) })
 * <form onSubmit={() => create.mutate(draft)}>{create.replayed && 'Already submitted: nothing was charged twice.'}</form>
 */
export function useApiMutation<V = unknown, T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
  method: string,
  path: string,
  options: ApiMutationOptions<V, S> = {},
  tuning?: MutationTuning<ResultOf<T, S, 'auto'>, V>,
): ApiMutationResult<ResultOf<T, S, 'auto'>, V> {
  type R = ResultOf<T, S, 'auto'>
  const { client: given, toRequest, ...request } = options
  const client = useFerryClient(given)
  // The submissions not yet succeeded, by their variables' stable key; and the latest one.
  const submissions = useRef(new Map<string, Submission<R>>())
  const last = useRef<Submission<R>>(null)

  const submit = async (variables: V, id: string, submission: Submission<R>): Promise<R> => {
    const { onResponse } = request
    for (let waits = 0; ; waits++) {
      const resent = submission.sent
      submission.sent = true
      submission.replayed = false
      try {
        const data = await client.request<T, S>(method, path, {
          ...request,
          ...(toRequest ? toRequest(variables) : { body: variables }),
          idempotencyKey: submission.key,
          // Every attempt's response passes here; the one a success came with decides.
          onResponse: (response, context) => {
            submission.replayed = response.headers.get('idempotent-replayed') === 'true'
            return onResponse?.(response, context)
          },
        })
        if (submissions.current.get(id) === submission) submissions.current.delete(id)
        return data
      } catch (error) {
        submission.replayed = false
        const inProgress = resent && isHttpError(error) && error.status === 409
        if (inProgress && waits < IN_PROGRESS_WAITS) {
          await sleep(error.retryAfterMs ?? IN_PROGRESS_DELAY)
          continue
        }
        // A 4xx means the server refused and did nothing: the next attempt may use a new key.
        if (
          !inProgress &&
          isHttpError(error) &&
          error.status < 500 &&
          submissions.current.get(id) === submission
        )
          submissions.current.delete(id)
        throw error
      }
    }
  }

  const mutation = useMutation<R, FerryError, V>({
    ...tuning,
    retry: false,
    mutationFn: (variables) => {
      const id = stableKey(variables) ?? ''
      let submission = submissions.current.get(id)
      if (!submission) {
        submission = { key: newKey(), sent: false, replayed: false }
        submissions.current.set(id, submission)
      }
      last.current = submission
      const current = submission
      // A second press while the first is in flight joins it.
      current.running ??= submit(variables, id, current).finally(() => {
        current.running = undefined
      })
      return current.running
    },
  })
  return {
    ...mutation,
    reset: () => {
      submissions.current.clear()
      last.current = null
      mutation.reset()
    },
    idempotencyKey: last.current?.key,
    replayed: last.current?.replayed ?? false,
  }
}
