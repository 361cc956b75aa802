import { act, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { App } from './app'
import { setChaos } from './mocks/chaos'
import { renderApp, setupMockApi } from './test-support/mock-api'

setupMockApi()

const liveRegions = () =>
  [...document.querySelectorAll<HTMLElement>('[role="alert"], [role="status"], [aria-live]')].filter(
    (element) => element.getAttribute('aria-live') !== 'off',
  )

/** What screen readers are told: the text of every live region, without its aria-hidden parts. */
function spoken(): string[] {
  return liveRegions().map((region) => {
    const copy = region.cloneNode(true)
    if (!(copy instanceof HTMLElement)) return ''
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove()
    return copy.textContent ?? ''
  })
}

const insideLiveRegion = (element: Element) => liveRegions().some((region) => region.contains(element))

describe('countdowns and live regions (429 with Retry-After: 5)', () => {
  it('announces the rate limit and the retry once; the seconds tick outside what is spoken', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    setChaos({ rateLimited: true })
    renderApp(<App />, { url: '/?view=orders' })
    expect(await screen.findByText(/The API asked us to wait 5 s/)).toBeTruthy()
    const retry = screen.getByText('Retrying in 5 s (attempt 2 of 3)')
    const before = spoken()
    expect(before.join(' ')).toContain('Rate limited.')
    expect(before.join(' ')).toContain('Retrying: attempt 2 of 3 in 5 s.')

    await act(() => vi.advanceTimersByTimeAsync(1_000))
    expect(retry.textContent).toBe('Retrying in 4 s (attempt 2 of 3)')
    expect(screen.getByText(/They resume in 4 s\./)).toBeTruthy()
    expect(spoken()).toEqual(before)
  })

  it('speaks the error once, naming the wait; its countdown is outside the alert', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    setChaos({ rateLimited: true })
    renderApp(<App />, { url: '/?view=orders' })
    await screen.findByText(/The API asked us to wait 5 s/)
    await act(() => vi.advanceTimersByTimeAsync(5_100))
    await act(() => vi.advanceTimersByTimeAsync(5_100))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Could not load orders')
    expect(alert.textContent).toContain('Too many requests. It tries again on its own in 5 seconds.')
    const countdown = screen.getByText('Trying again on its own in 5 s.')
    expect(insideLiveRegion(countdown)).toBe(false)
    const before = spoken()

    await act(() => vi.advanceTimersByTimeAsync(1_000))
    expect(countdown.textContent).toBe('Trying again on its own in 4 s.')
    expect(spoken()).toEqual(before)
  })
})
