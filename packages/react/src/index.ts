// The public API of @ferry/react, listed name by name: what works without TanStack Query. The query hooks
// are in './query.ts' (`@ferry/react/query`), the only modules that import @tanstack/react-query.
export { describeError } from './describe-error.js'
export { FerryProvider, type FerryProviderProps, useFerryClient } from './provider.js'
export { QueryState, type QueryStateProps } from './query-state.js'
export type { RequestKey } from './request-key.js'
export {
  type QueryOutcome,
  type QueryResultLike,
  type ToViewStateOptions,
  toViewState,
} from './to-view-state.js'
export { type UseFetchOptions, useFetch } from './use-fetch.js'
export { isEmpty, type Retrying, type ViewState } from './view-state.js'
