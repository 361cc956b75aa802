import type { ClientOptions } from '@ferry/client'

/**
 * The states a preview can show. Each is reached through the network (MSW handlers, see `network.ts`) and
 * the app's real client and hooks, never by handing a component a made-up state object.
 */
export const previewStates = [
  'loading',
  'empty',
  'success',
  'paging',
  'retrying',
  'rateLimited',
  'serverError',
  'notFound',
  'network',
  'timeout',
  'parse',
  'validation',
] as const
export type PreviewState = (typeof previewStates)[number]

/** Story names, in the order the gallery and the sidebar list them. */
export const stateNames: Readonly<Record<PreviewState, string>> = {
  loading: 'Loading',
  empty: 'Empty',
  success: 'Success',
  paging: 'Placeholder paging',
  retrying: 'Retrying with countdown',
  rateLimited: 'Rate limited (429)',
  serverError: 'Server error (500)',
  notFound: 'Not found (404)',
  network: 'Network error',
  timeout: 'Timeout',
  parse: 'Parse error',
  validation: 'Validation error',
}

/**
 * What the story test asserts for a story (the `preview` parameter). The state decides the checks (a busy
 * status region, an alert with a Retry button, a countdown…); `shows` is the text only this component shows
 * in that state: a row for success and paging, the empty message, the error heading.
 */
export interface StatePreview {
  readonly state: PreviewState
  /** Text the state must show (for success, retrying and paging: a row of the data). */
  readonly shows?: string | RegExp | undefined
  /** The error state offers a Retry button. Default true; false where the component offers another way out. */
  readonly retry?: boolean | undefined
}

/** Client settings a story changes (the app's `createApi` defaults otherwise). */
export type StoryClientOptions = Pick<ClientOptions, 'timeout' | 'totalTimeout' | 'baseUrl'>

declare module 'storybook/internal/csf' {
  interface Parameters {
    /** The state this story shows; the story test (src/stories.test.tsx) asserts it. */
    preview?: StatePreview
    /** A gallery story: the states of its cells (sections named after `stateNames`), in order. */
    gallery?: ReadonlyArray<StatePreview>
    /** Overrides of the app's client for this story (a short timeout, no timeout while loading). */
    ferry?: StoryClientOptions
  }
}
