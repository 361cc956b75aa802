// The public API of @ferry/react, listed name by name.
export { type ApiQueryKey, type ApiQueryOptions, apiQuery, apiQueryKey } from './api-query.js'
export { describeError } from './describe-error.js'
export { FerryProvider, useFerryClient } from './provider.js'
export { QueryState, type QueryStateProps } from './query-state.js'
export { type QueryResultLike, type ToViewStateOptions, toViewState } from './to-view-state.js'
export {
  type ApiMutationOptions,
  type ApiMutationResult,
  type MutationRequest,
  type MutationTuning,
  useApiMutation,
} from './use-api-mutation.js'
export { type QueryTuning, type UseApiQueryOptions, useApiQuery } from './use-api-query.js'
export { type UseFetchOptions, useFetch } from './use-fetch.js'
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
export { isEmpty, type Retrying, type ViewState } from './view-state.js'
