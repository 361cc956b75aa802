'use client'
import {
  type Client,
  type FerryError,
  isHttpError,
  type Middleware,
  type RequestOptions,
  type ResultOf,
  randomId,
  type StandardSchemaV1,
} from '@ferry/client'
import {
  type DistributiveOmit,
  type MutateOptions,
  type QueryClient,
  type UseMutationOptions,
  type UseMutationResult,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query'
import { useInsertionEffect, useRef, useState } from 'react'
import { useFerryClient } from './provider.js'
import { headerRecord, queryRecord } from './request-parts.js'
import { identity, stableKey } from './stable-key.js'

/** The parts of a request that a mutation's variables decide (merged over the hook's own). */
export type MutationRequest = Pick<RequestOptions, 'body' | 'params' | 'query' | 'headers'>

/** Options of `useApiMutation`: the request's options, the client, and how variables become a request. */
export interface ApiMutationOptions<V, S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'auto'>, 'signal' | 'as' | 'body' | 'idempotencyKey'> {
  readonly client?: Client | undefined
  /**
   * Maps the variables to the request. Default: the variables are the body. Its `params`, `query` and
   * `headers` are merged over the hook's (a name given by both takes the variables' value).
   */
  readonly toRequest?: ((variables: V) => MutationRequest) | undefined
}

/** TanStack's own mutation options (`onSuccess`, `onSettled`, `mutationKey`…), minus the function and retry. */
export type MutationTuning<T, V> = Omit<
  UseMutationOptions<T, FerryError, V>,
  'mutationFn' | 'retry' | 'retryDelay'
>

/**
 * A TanStack mutation result, plus the submission's idempotency key and whether the server replayed it.
 * `mutate` and `mutateAsync` join a submission already in flight (see `useApiMutation`); they and `reset` keep
 * their identity across renders.
 */
export type ApiMutationResult<T, V> = DistributiveOmit<
  UseMutationResult<T, FerryError, V>,
  'mutate' | 'mutateAsync'
> & {
  /** Sends a submission, or joins the same one in flight; never rejects (read the state). */
  readonly mutate: (variables: V, callbacks?: MutateOptions<T, FerryError, V>) => void
  /** Sends a submission, or joins the same one in flight and settles with it. */
  readonly mutateAsync: (variables: V, callbacks?: MutateOptions<T, FerryError, V>) => Promise<T>
  /** The `Idempotency-Key` of the latest submission. */
  readonly idempotencyKey: string | undefined
  /** The server answered the latest submission from its idempotency store (`Idempotent-Replayed: true`). */
  readonly replayed: boolean
}

/** One logical submission: its key, and what its attempts told. */
interface Submission {
  readonly key: string
  /**
   * An attempt may have reached the server (a timeout, a network error, a 5xx…): the key is kept until
   * success, and a 409 for it means "still in progress".
   */
  kept: boolean
  replayed: boolean
}

/** How often a 409 "in progress" is waited out before it is reported, and the wait without `Retry-After`. */
const IN_PROGRESS_WAITS = 5
const IN_PROGRESS_DELAY = 1_000

/**
 * The submissions not yet succeeded, per QueryClient, as TanStack keeps its mutations: a form closed and opened
 * again (a modal, a route left and entered) finds the key of a draft it sent before instead of sending it again
 * under a new one. Entries go on success, on a refusal, and with `reset()`.
 */
const unsettled = new WeakMap<QueryClient, Map<string, Submission>>()
const unsettledOf = (queryClient: QueryClient) => {
  let submissions = unsettled.get(queryClient)
  if (!submissions) {
    submissions = new Map()
    unsettled.set(queryClient, submissions)
  }
  return submissions
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 10_000)))
const ignore = () => {}

/**
 * The server refused the request before doing anything: a 4xx on the only attempt, other than 408 (timed
 * out), 409 (in progress), 425 (too early) and 429 (rate limited), which say nothing of an earlier attempt.
 */
const refused = (error: unknown) =>
  isHttpError(error) &&
  error.status < 500 &&
  error.attempts <= 1 &&
  ![408, 409, 425, 429].includes(error.status)

/** `b` over `a` when both are given. */
const over = <X>(a: X | undefined, b: X | undefined, merge: (a: X, b: X) => X) =>
  a && b ? merge(a, b) : (b ?? a)

/**
 * An idempotent submission. One `Idempotency-Key` per logical submission — per distinct request sent
 * (method, path, params, query, body and headers, compared by value; FormData, Blob and the like by
 * reference) — kept while the request may have reached the server: the client's automatic retries and a
 * manual "try again" after a network error, a timeout, a 5xx, a 409 or a 429 reuse it, also after other
 * submissions were sent in between, and in a form closed and opened again (kept per QueryClient), so the
 * server can replay instead of acting twice. Only success, a refusal before any processing (a 4xx such as 400
 * or 422 on the first attempt of a submission nothing of which may have reached the server) and `reset()`
 * forget it.
 *
 * A second press of the same submission while it is in flight joins it: it sends nothing and runs no
 * callbacks (the hook's `onSuccess`/`onError`/`onSettled` and the first press's own run once);
 * `mutateAsync` resolves or rejects with the first press's outcome. A 409 "in progress" answered after an
 * attempt that may have reached the server (an earlier try, or a retried attempt of this call) means that
 * attempt is still being worked on: the hook waits (by `Retry-After`) and asks again, staying `pending`, so
 * that attempt's success becomes this one's.
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
  // The submissions not yet succeeded, by what they send (shared with this QueryClient's other forms); the ones
  // this hook used (what `reset()` forgets); the presses in flight, by submission; and the latest submission.
  const submissions = unsettledOf(useQueryClient())
  const used = useRef(new Set<string>())
  const running = useRef(new Map<string, Promise<R>>())
  const last = useRef<Submission>(null)

  /** The request that `variables` send, and its submission (made on first use). */
  const prepare = (variables: V) => {
    const mine = toRequest ? toRequest(variables) : { body: variables }
    const headers = over(request.headers, mine.headers, headerRecord)
    const sent = {
      ...request,
      ...mine,
      params: over(request.params, mine.params, (a, b) => ({ ...a, ...b })),
      query: over(request.query, mine.query, (a, b) => ({ ...queryRecord(a), ...queryRecord(b) })),
      ...(headers && { headers }),
    }
    const id =
      stableKey([identity(client), method, path, sent.params, sent.query, sent.body, sent.headers]) ?? ''
    let submission = submissions.get(id)
    if (!submission) {
      submission = { key: randomId(), kept: false, replayed: false }
      submissions.set(id, submission)
    }
    used.current.add(id)
    return { sent, id, submission }
  }

  const submit = async (variables: V): Promise<R> => {
    const { sent, id, submission } = prepare(variables)
    last.current = submission
    // A plain middleware (innermost, so it sees each attempt's raw response): the one a success came with decides.
    const watch: Middleware = (attempt, next) =>
      next(attempt).then((response) => {
        submission.replayed = response.headers.get('idempotent-replayed') === 'true'
        return response
      })
    const forget = () => {
      if (submissions.get(id) === submission) submissions.delete(id)
    }
    for (let waits = 0; ; waits++) {
      submission.replayed = false
      try {
        const data = await client.request<T, S>(method, path, {
          ...sent,
          use: [...(request.use ?? []), watch],
          idempotencyKey: submission.key,
        })
        forget()
        return data
      } catch (error) {
        submission.replayed = false
        // A 409 after an attempt that may have reached the server (an earlier try, or a retried attempt of
        // this one): that attempt is still being worked on.
        const inProgress =
          isHttpError(error) && error.status === 409 && (submission.kept || error.attempts > 1)
        if (inProgress && waits < IN_PROGRESS_WAITS) {
          submission.kept = true
          await sleep(error.retryAfterMs ?? IN_PROGRESS_DELAY)
          continue
        }
        if (refused(error) && !submission.kept) forget()
        else submission.kept = true
        throw error
      }
    }
  }

  const mutation = useMutation<R, FerryError, V>({ ...tuning, retry: false, mutationFn: submit })
  const mutateAsync = (variables: V, callbacks?: MutateOptions<R, FerryError, V>): Promise<R> => {
    const { id } = prepare(variables)
    // A joined press: TanStack is not told, so no mutation starts and no callback runs a second time.
    const joined = running.current.get(id)
    if (joined) return joined
    const press = mutation.mutateAsync(variables, callbacks ?? {})
    const done = () => {
      if (running.current.get(id) === press) running.current.delete(id)
    }
    running.current.set(id, press)
    press.then(done, done)
    return press
  }
  const reset = () => {
    for (const id of used.current) submissions.delete(id)
    used.current.clear()
    running.current.clear()
    last.current = null
    mutation.reset()
  }
  // The functions handed out keep their identity across renders, as TanStack's own do, so an effect may list
  // them in its dependencies (an auto-save) without sending again on every render. They call the committed
  // render's (taken in an insertion effect, as useFetch's refetch): a render that React discards, such as a
  // transition waiting on a suspended sibling, must not decide which submission a press joins.
  const latest = useRef({ mutateAsync, reset })
  useInsertionEffect(() => {
    latest.current = { mutateAsync, reset }
  })
  const [stable] = useState(() => ({
    mutateAsync: (variables: V, callbacks?: MutateOptions<R, FerryError, V>) =>
      latest.current.mutateAsync(variables, callbacks),
    mutate: (variables: V, callbacks?: MutateOptions<R, FerryError, V>) => {
      latest.current.mutateAsync(variables, callbacks).catch(ignore)
    },
    reset: () => latest.current.reset(),
  }))
  return {
    ...mutation,
    ...stable,
    idempotencyKey: last.current?.key,
    replayed: last.current?.replayed ?? false,
  }
}
