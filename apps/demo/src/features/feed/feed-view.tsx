import { describeError, QueryState } from '@ferry/react'
import { feedPageSize, useOrdersFeed } from '../../api/queries'
import { EmptyState } from '../../ui/empty-state'
import { ErrorState } from '../../ui/error-state'
import { formatCount } from '../../ui/format'
import { LoadingState } from '../../ui/loading-state'
import { PageHeader } from '../../ui/page-header'
import { RefreshNotice } from '../../ui/refresh-notice'
import { RetryNotice } from '../../ui/retry-notice'
import { FeedItem } from './feed-item'
import { FeedPlaceholder } from './feed-placeholder'
import './feed.css'

/** The newest orders, loaded a page at a time with a cursor ("Load more"). */
export function FeedView() {
  const feed = useOrdersFeed()
  const loaded = feed.status === 'success' ? feed.data.reduce((n, page) => n + page.data.length, 0) : 0
  return (
    <>
      <PageHeader
        title="Activity feed"
        description="The newest orders first, loaded with a cursor: each page asks for the orders after the last one shown."
      />
      <QueryState
        state={feed}
        loading={(retrying) => (
          <LoadingState
            label="Loading the feed"
            retrying={retrying}
            placeholder={<FeedPlaceholder rows={feedPageSize} />}
          />
        )}
        error={(error, retry) => <ErrorState title="Could not load the feed" error={error} onRetry={retry} />}
        refreshError={(error, retry) => <RefreshNotice what="the feed" error={error} onRetry={retry} />}
        empty={
          <EmptyState title="No orders in the feed">
            New orders show up here as soon as they are placed.
          </EmptyState>
        }
      >
        {(pages) => (
          <>
            <ol className="feed" aria-label="Latest orders">
              {pages
                .flatMap((page) => page.data)
                .map((order) => (
                  <FeedItem key={order.id} order={order} />
                ))}
            </ol>
            <div className="feed__footer">
              <p className="feed__count">
                Showing {formatCount(loaded)} orders{feed.hasNextPage ? '' : ' — that is all of them'}
              </p>
              <RetryNotice retrying={feed.isFetchingNextPage ? feed.retrying : null} />
              {feed.hasNextPage && (
                <button
                  type="button"
                  className="button"
                  // aria-disabled, not disabled: the button keeps keyboard focus while the page loads.
                  onClick={() => {
                    if (!feed.isFetchingNextPage) feed.fetchNextPage()
                  }}
                  aria-disabled={feed.isFetchingNextPage}
                  aria-busy={feed.isFetchingNextPage}
                >
                  Load more
                </button>
              )}
              {feed.isFetchingNextPage && <span className="feed__loading">Loading more orders…</span>}
            </div>
            {feed.nextPageError && (
              <div className="notice notice--error feed__error" role="alert">
                <p>
                  <strong>Could not load more orders.</strong> {describeError(feed.nextPageError)} The orders
                  above are still here; “Load more” tries again.
                </p>
              </div>
            )}
          </>
        )}
      </QueryState>
    </>
  )
}
