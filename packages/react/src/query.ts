// The public API of @ferry/react/query, listed name by name: the hooks on TanStack Query v5.
export {
  type ApiQueryConfig,
  type ApiQueryKey,
  type ApiQueryOptions,
  apiQuery,
  apiQueryKey,
} from './api-query.js'
export {
  type ApiMutationOptions,
  type ApiMutationResult,
  type MutationRequest,
  type MutationTuning,
  useApiMutation,
} from './use-api-mutation.js'
export { type QueryTuning, type UseApiQueryOptions, useApiQuery } from './use-api-query.js'
export {
  type InfiniteViewState,
  type UseInfiniteApiQueryOptions,
  useInfiniteApiQuery,
} from './use-infinite-api-query.js'
export {
  type PaginatedViewState,
  type UsePaginatedQueryOptions,
  usePaginatedQuery,
} from './use-paginated-query.js'
export {
  type SuspenseQueryTuning,
  type SuspenseViewState,
  useSuspenseApiQuery,
} from './use-suspense-api-query.js'
