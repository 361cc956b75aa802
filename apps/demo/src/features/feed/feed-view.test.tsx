import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { setChaos } from '../../mocks/chaos'
import { renderApp, setupMockApi } from '../../test-support/mock-api'
import { FeedView } from './feed-view'

setupMockApi()

const items = () => within(screen.getByRole('list', { name: 'Latest orders' })).getAllByRole('listitem')

describe('FeedView', () => {
  it('loads the next page after the cursor with "Load more", keeping the orders already shown', async () => {
    renderApp(<FeedView />, { url: '/?view=feed' })
    const more = await screen.findByRole('button', { name: 'Load more' })
    expect(items()).toHaveLength(20)
    expect(items()[0]?.textContent).toContain('#12400')
    fireEvent.click(more)
    await waitFor(() => expect(items()).toHaveLength(40))
    expect(items()[20]?.textContent).toContain('#12380')
    expect(screen.getByText('Showing 40 orders')).toBeTruthy()
  })

  it('keeps the orders shown when "Load more" fails, says why, and tries again on the next click', async () => {
    renderApp(<FeedView />, { url: '/?view=feed' })
    const more = await screen.findByRole('button', { name: 'Load more' })
    setChaos({ malformedJsonRate: 1 })
    fireEvent.click(more)
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load more orders.')
    expect(items()).toHaveLength(20)
    expect(screen.queryByRole('heading', { name: 'Could not load the feed' })).toBeNull()

    setChaos({ malformedJsonRate: 0 })
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(items()).toHaveLength(40))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('says so when the feed is empty', async () => {
    setChaos({ forceEmpty: true })
    renderApp(<FeedView />, { url: '/?view=feed' })
    expect(await screen.findByRole('heading', { name: 'No orders in the feed' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull()
  })
})
