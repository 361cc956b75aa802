import {
  type Client,
  type FerryError,
  isHttpError,
  type RequestOptions,
  type ResultOf,
  randomId,
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

/** One logical submission: its key, what it sent, and whether it is over (a new one gets a new key). */
interface Submission {
  readonly key: string
  readonly variables: unknown
  readonly hash: string
  done: boolean
  replayed: boolean
}

/**
 * An idempotent submission. One `Idempotency-Key` per logical submission: the client's automatic retries
 * and a manual "try again" with the same variables after an ambiguous failure (network, timeout, 5xx —
 * the server may have done it) reuse the key, so the server can replay instead of acting twice. A success,
 * a 4xx (the server refused: nothing happened) or different variables start a new submission with a new key.
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
  const { client: given, toRequest, ...request } = options
  const client = useFerryClient(given)
  const last = useRef<Submission>(null)
  const mutation = useMutation<ResultOf<T, S, 'auto'>, FerryError, V>({
    ...tuning,
    retry: false,
    mutationFn: (variables) => {
      const hash = stableKey(variables)
      let submission = last.current
      // Variables compare by value (stable JSON); FormData, Blob and the like only by reference.
      if (!submission || submission.done || (submission.variables !== variables && submission.hash !== hash))
        submission = { key: randomId(), variables, hash, done: false, replayed: false }
      const current = submission
      last.current = current
      current.replayed = false
      const { onResponse } = request
      return client
        .request<T, S>(method, path, {
          ...request,
          ...(toRequest ? toRequest(variables) : { body: variables }),
          idempotencyKey: current.key,
          // Every attempt's response passes here; the one a success came with decides (a failure clears it).
          onResponse: (response, context) => {
            current.replayed = response.headers.get('idempotent-replayed') === 'true'
            return onResponse?.(response, context)
          },
        })
        .then(
          (data) => {
            current.done = true
            return data
          },
          (error: unknown) => {
            // A 4xx means the server refused and did nothing: the next attempt may use a new key.
            current.done = isHttpError(error) && error.status < 500
            current.replayed = false
            throw error
          },
        )
    },
  })
  return { ...mutation, idempotencyKey: last.current?.key, replayed: last.current?.replayed ?? false }
}
