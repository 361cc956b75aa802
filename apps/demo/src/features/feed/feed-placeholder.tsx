import { placeholderOrder } from '../orders/placeholder-order'
import { FeedItem } from './feed-item'

/**
 * The feed before its first page arrives: `rows` feed items and the footer, drawn as shimmering blocks. The
 * same components as the loaded feed, so the same height. Inert and hidden from assistive technology.
 */
export function FeedPlaceholder({ rows }: { readonly rows: number }) {
  return (
    <div className="placeholder" aria-hidden="true" inert>
      <ol className="feed">
        {Array.from({ length: rows }, (_, index) => (
          <FeedItem key={placeholderOrder(index).id} order={placeholderOrder(index)} />
        ))}
      </ol>
      <div className="feed__footer placeholder__hidden">
        <p className="feed__count">Showing {rows} orders</p>
        <button type="button" className="button">
          Load more
        </button>
      </div>
    </div>
  )
}
