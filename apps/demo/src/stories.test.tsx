import type { Meta, StoryObj } from '@storybook/react-vite'
import { composeStory, setProjectAnnotations } from '@storybook/react-vite'
import { act, cleanup, configure, fireEvent, getConfig, render, screen, within } from '@testing-library/react'
import type { AnyHandler } from 'msw'
import { setupServer } from 'msw/node'
import type { MswParameter } from 'msw-storybook-addon/csf3'
import { isExportStory } from 'storybook/internal/csf'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import preview from '../.storybook/preview'
import { clearLog } from './features/request-log/request-log-store'
import { resetRateLimit } from './features/status/rate-limit-store'
import { resetChaos } from './mocks/chaos'
import { resetData } from './mocks/data'
import { retryAfterSeconds } from './stories/network'
import { type PreviewState, type StatePreview, stateNames } from './stories/parameters'

/**
 * Every story is a test. Each story file under src is found, each story rendered the way Storybook renders
 * it (portable stories: the preview's decorators, the story's args), with its `parameters.msw.handlers`
 * installed in msw/node, and the state it claims (`parameters.preview`, or `parameters.gallery` for a
 * gallery) is checked on screen: a busy status region, an alert with a Retry button, a countdown, rows.
 * Time is fake: retries, Retry-After waits and timeouts pass in milliseconds.
 */

setProjectAnnotations([preview])

const server = setupServer()
let requests = 0
server.events.on('request:start', () => {
  requests += 1
})
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  // Testing Library's default asyncWrapper turns the act environment off until a timer fires; with fake time
  // that window spans our act() calls. The test drives time itself, so play functions' waits need no wrapper.
  configure({ asyncWrapper: (run) => run() })
})
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
  server.resetHandlers()
  resetData()
  resetChaos()
  resetRateLimit()
  clearLog()
  window.history.replaceState(null, '', '/')
})
afterAll(() => server.close())

interface StoryModule {
  readonly default: Meta
  readonly [name: string]: unknown
}

const modules = import.meta.glob<StoryModule>('./**/*.stories.tsx', { eager: true })

/** A CSF story export (an object or a function). */
function isStoryExport(value: unknown): value is StoryObj {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

const step = 100

/** Lets `ms` of fake time pass, with React updates flushed. */
async function advance(ms: number): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms))
}

/** Runs `check` with Testing Library's errors made cheap (no DOM dump): it is expected to fail while polling. */
function passes(check: () => void): boolean {
  const { getElementError } = getConfig()
  configure({ getElementError: (message) => new Error(message ?? '') })
  try {
    check()
    return true
  } catch {
    return false
  } finally {
    configure({ getElementError })
  }
}

/** Advances fake time in small steps until `check` passes; after `limit` ms, fails with its error. */
async function until(check: () => void, limit = 20_000, every = step): Promise<void> {
  for (let waited = 0; waited < limit && !passes(check); waited += every) await advance(every)
  check()
}

/** The message `describeError` gives each error state (or the story's own `shows`). */
const errorText: Partial<Record<PreviewState, RegExp>> = {
  rateLimited: /Too many requests\./,
  serverError: /Something went wrong on our side/,
  notFound: /Nothing lives at \/.* any more\./,
  network: /Could not reach the server\./,
  timeout: /The server took too long to respond\./,
  parse: /The server sent unexpected data\./,
  validation: /The server sent unexpected data\./,
}

const countdown = /Retrying in (\d+) s/

function showsText(scope: HTMLElement, shows: string | RegExp): void {
  const matches =
    typeof shows === 'string'
      ? within(scope).getAllByText(shows, { exact: false })
      : within(scope).getAllByText(shows)
  expect(matches.length).toBeGreaterThan(0)
}

function required(preview: StatePreview): string | RegExp {
  if (preview.shows === undefined)
    throw new Error(`A "${preview.state}" story must say what it shows (shows)`)
  return preview.shows
}

// Plain selectors while polling: role queries compute styles for the whole tree and make fake time crawl.
// The regions carry their roles explicitly (role="status" aria-busy, role="alert").
const busy = (scope: HTMLElement) => scope.querySelectorAll('[role="status"][aria-busy="true"]')
const alerts = (scope: HTMLElement) => [...scope.querySelectorAll<HTMLElement>('[role="alert"]')]
const noAlert = (scope: HTMLElement) => expect(alerts(scope)).toEqual([])
const secondsLeft = (scope: HTMLElement) =>
  Number(countdown.exec(within(scope).getByText(countdown).textContent ?? '')?.[1])

/** States that count down to the client's next attempt before they settle. */
const countsDown = (state: PreviewState) => state === 'retrying' || state === 'rateLimited'

/** The settled look of a state: what stays on screen once nothing more happens by itself. */
function expectSettled(scope: HTMLElement, preview: StatePreview): void {
  const { state } = preview
  switch (state) {
    case 'loading':
      expect(busy(scope)).toHaveLength(1)
      expect(within(scope).queryByText(countdown)).toBeNull()
      noAlert(scope)
      return
    case 'empty':
    case 'success':
    case 'retrying':
      showsText(scope, required(preview))
      expect(busy(scope)).toHaveLength(0)
      expect(within(scope).queryByText(countdown)).toBeNull()
      noAlert(scope)
      return
    case 'paging':
      // The previous rows stay, marked busy, while the next page loads: no spinner in their place.
      showsText(scope, required(preview))
      expect(scope.querySelector('[aria-busy="true"]')).not.toBeNull()
      noAlert(scope)
      return
    default: {
      const text = preview.shows ?? errorText[state]
      // The error's alert (a banner may raise another, like the circuit breaker's).
      const [alert, ...others] = alerts(scope).filter(
        (element) => text === undefined || passes(() => showsText(element, text)),
      )
      expect(others).toEqual([])
      if (!alert)
        throw new Error(`No alert ${text === undefined ? '' : `saying ${text} `}in ${scope.textContent}`)
      // An error state's actions sit beside its alert, in the state's section; a notice holds its own.
      const retry = within(alert.closest<HTMLElement>('section.state') ?? alert).queryAllByRole('button', {
        name: 'Retry',
      })
      expect(retry).toHaveLength(preview.retry === false ? 0 : 1)
    }
  }
}

/** Waits for the state of `preview` in `scope`, checking its distinctive UI on the way and at the end. */
async function expectState(scope: HTMLElement, preview: StatePreview): Promise<void> {
  const { state } = preview
  if (countsDown(state)) {
    // The countdown to the next attempt is on screen, and it counts down.
    await until(() => within(scope).getByText(countdown))
    const before = secondsLeft(scope)
    if (state === 'rateLimited') expect(before).toBe(retryAfterSeconds.rateLimited)
    await advance(1_000)
    expect(secondsLeft(scope)).toBe(before - 1)
  }
  await until(() => expectSettled(scope, preview), 30_000)
  if (state === 'loading' || state === 'paging') {
    // A request that never resolves: the same much later, no error, no flash of anything else.
    await advance(30_000)
    expectSettled(scope, preview)
  }
  const retry = within(scope).queryByRole('button', { name: 'Retry' })
  if (retry) {
    // Retry asks the server again (after a rate limit, once the client's limiter lets it).
    const before = requests
    fireEvent.click(retry)
    await until(() => expect(requests).toBeGreaterThan(before), 10_000)
  }
}

/**
 * Runs a story's play function (a click that leads to its state) while fake time passes, since what it
 * waits for arrives through timers.
 */
async function play(
  run: ((context: { canvasElement: HTMLElement }) => Promise<void>) | undefined,
  canvasElement: HTMLElement,
): Promise<void> {
  if (!run) return
  let outcome: { readonly error?: unknown } | undefined
  run({ canvasElement }).then(
    () => {
      outcome = {}
    },
    (error: unknown) => {
      outcome = { error }
    },
  )
  await until(() => expect(outcome).toBeDefined(), 30_000)
  if (outcome?.error !== undefined) throw outcome.error
}

/** A gallery: every cell counts down or settles on its own clock, so all are checked at each step. */
async function expectGallery(cells: ReadonlyArray<StatePreview>): Promise<void> {
  const scopes = cells.map((cell) => ({
    cell,
    scope: screen.getByRole('region', { name: stateNames[cell.state] }),
  }))
  await until(() => {
    for (const { cell, scope } of scopes) if (countsDown(cell.state)) within(scope).getByText(countdown)
  })
  // Twelve cells are slow to query: look twice a second (of fake time).
  await until(
    () => {
      for (const { cell, scope } of scopes) expectSettled(scope, cell)
    },
    30_000,
    500,
  )
}

/** A story's `parameters.msw` as a list of handlers, read the way msw-storybook-addon reads it. */
function handlersOf(parameter: MswParameter | undefined): AnyHandler[] {
  if (parameter === undefined) return []
  if (Array.isArray(parameter)) return parameter
  const { handlers = [] } = parameter
  return Array.isArray(handlers) ? handlers : Object.values(handlers).flat()
}

for (const [file, module] of Object.entries(modules)) {
  const { default: meta, ...exports } = module
  describe(file.replace(/^\.\//, ''), () => {
    for (const [name, annotations] of Object.entries(exports)) {
      if (!isExportStory(name, meta) || !isStoryExport(annotations)) continue
      const Story = composeStory(annotations, meta, undefined, name)
      const { preview, gallery } = Story.parameters
      const title = preview
        ? `${Story.storyName} shows the ${stateNames[preview.state]} state`
        : `${Story.storyName} shows ${gallery?.length ?? 0} states side by side`
      test(title, { timeout: 30_000 }, async () => {
        server.use(...handlersOf(Story.parameters.msw))
        const { container } = render(<Story />)
        await play(Story.play, container)
        if (preview) await expectState(container, preview)
        else if (gallery) await expectGallery(gallery)
        else throw new Error(`${name} says neither which state it shows (parameters.preview) nor gallery`)
      })
    }
  })
}
