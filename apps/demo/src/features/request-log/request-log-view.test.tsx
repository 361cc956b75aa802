import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { clearLog, recordEvent } from './request-log-store'
import { RequestLogView } from './request-log-view'

afterEach(() => {
  cleanup()
  clearLog()
})

const base = { requestId: 'r1', method: 'GET', url: '/api/orders/export' }

describe('RequestLogView', () => {
  it('shows a request whose 200 headers came but whose body is still arriving as in flight', () => {
    const now = Date.now()
    recordEvent({ type: 'request', ...base, attempt: 1, time: now - 500 })
    recordEvent({ type: 'response', ...base, attempt: 1, status: 200, durationMs: 20, time: now - 480 })
    render(<RequestLogView />)
    const entry = within(screen.getByRole('list', { name: 'Requests' })).getAllByRole('listitem')[0]
    expect(entry?.textContent).toContain('In flight')
    expect(entry?.textContent).toContain('Attempt 1: 200 (headers; the body is still arriving) in 20 ms')
  })
})
