import { act, fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { setChaos } from '../../mocks/chaos'
import { server } from '../../mocks/node'
import { renderApp, setupMockApi } from '../../test-support/mock-api'
import { NewOrderView } from './new-order-view'

setupMockApi()

// The mock's "Slow order processing": the server works 10 s on a new order, its gateway answers 504
// (Retry-After: 120, beyond what the client waits) after 2 s, and the same key meanwhile gets 409 + Retry-After: 2.

async function advance(ms: number): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms))
}

function countPosts(): { readonly count: () => number } {
  let posts = 0
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST') posts += 1
  })
  return { count: () => posts }
}

/** Places the order, gets the gateway's 504, presses "Try again": the server answers 409, and the form waits. */
async function untilWaiting() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  setChaos({ slowOrders: true })
  const posts = countPosts()
  const view = renderApp(<NewOrderView />, { url: '/?view=new' })
  await advance(50)
  fireEvent.change(screen.getByLabelText('Customer name'), { target: { value: 'Ada Lovelace' } })
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } })
  fireEvent.change(screen.getByLabelText('Product 1'), { target: { value: 'KET-GOO-08' } })
  fireEvent.change(screen.getByLabelText('Quantity 1'), { target: { value: '2' } })
  fireEvent.click(screen.getByRole('button', { name: 'Place order' }))
  await advance(2_100)
  expect(screen.getByRole('alert').textContent).toContain('It may still be working on the order.')
  fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
  await advance(100)
  expect(
    screen.getByText(/The same order is still being processed by the server — waiting for it\./),
  ).toBeTruthy()
  expect(posts.count()).toBe(2)
  return { posts, view }
}

describe('NewOrderForm: the same order still being processed (409)', () => {
  it('waits, then shows the order once the server has placed it', async () => {
    await untilWaiting()
    for (
      let waited = 0;
      waited < 12_000 && !screen.queryByRole('heading', { name: /placed$/ });
      waited += 500
    )
      await advance(500)
    expect(screen.getByRole('heading', { name: 'Order #12401 placed' })).toBeTruthy()
    expect(screen.getByText(/Replayed by the server\./)).toBeTruthy()
  })

  it('stops waiting at once on "Stop waiting", sends nothing more, says the order may exist and finds it', async () => {
    const { posts } = await untilWaiting()
    fireEvent.click(screen.getByRole('button', { name: 'Stop waiting' }))
    const notice = screen.getByRole('alert')
    expect(notice.textContent).toContain('Stopped waiting.')
    expect(notice.textContent).toContain('The order may have been created, or may still be')
    expect(screen.queryByRole('button', { name: 'Stop waiting' })).toBeNull()
    const sent = posts.count()
    await advance(12_000)
    expect(posts.count()).toBe(sent)
    // The stopped wait settles quietly: no "Something went wrong" about the stop itself.
    expect(screen.queryByText(/Something went wrong/)).toBeNull()
    expect(screen.getByRole('alert').textContent).toContain('Stopped waiting.')

    // By now the server has placed it: a plain GET finds it (checking cannot create it twice).
    fireEvent.click(screen.getByRole('button', { name: 'Check whether it was placed' }))
    await advance(100)
    expect(screen.getByText(/Order #12401 for Ada Lovelace was placed at/)).toBeTruthy()
    expect(screen.getByRole('link', { name: 'View order #12401' })).toBeTruthy()
    expect(posts.count()).toBe(sent)
  })

  it('says when the check finds nothing yet', async () => {
    await untilWaiting()
    fireEvent.click(screen.getByRole('button', { name: 'Stop waiting' }))
    fireEvent.click(screen.getByRole('button', { name: 'Check whether it was placed' }))
    await advance(100)
    expect(screen.getByText(/No order for ada@example\.com yet\./)).toBeTruthy()
  })

  it('stops asking when the screen is left', async () => {
    const { posts, view } = await untilWaiting()
    view.unmount()
    const sent = posts.count()
    await advance(12_000)
    expect(posts.count()).toBe(sent)
  })
})
