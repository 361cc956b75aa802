import { formatCount } from '../../ui/format'
import { pageSizes } from './orders-search'
import { pageNumbers } from './page-numbers'

interface PaginationProps {
  /** The page asked for (it may still be loading). */
  readonly page: number
  readonly totalPages: number
  readonly total: number
  /** The rows on screen, 1-based: they stay the previous page's while the next one loads. */
  readonly first: number
  readonly last: number
  readonly pageSize: number
  readonly onPage: (page: number) => void
  readonly onPageSize: (pageSize: number) => void
}

/** "26–50 of 2,400", rows per page, and page buttons. */
export function Pagination({
  page,
  totalPages,
  total,
  first,
  last,
  pageSize,
  onPage,
  onPageSize,
}: PaginationProps) {
  return (
    <div className="pagination">
      <p className="pagination__summary">
        {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
      </p>
      <div className="pagination__size">
        <label className="field__label field__label--inline" htmlFor="orders-page-size">
          Rows per page
        </label>
        <select
          id="orders-page-size"
          className="select select--compact"
          value={pageSize}
          onChange={(event) => onPageSize(Number(event.target.value))}
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <nav className="pagination__pages" aria-label="Pagination">
        <button
          type="button"
          className="button button--ghost"
          aria-label="Previous page"
          onClick={() => onPage(page - 1)}
          disabled={page <= 1}
        >
          <span aria-hidden="true">←</span> Previous
        </button>
        <ul className="pagination__list">
          {pageNumbers(page, totalPages).map((n, index) =>
            n === 'gap' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: a gap has no identity but its position
              <li key={`gap-${index}`} className="pagination__gap" aria-hidden="true">
                …
              </li>
            ) : (
              <li key={n}>
                <button
                  type="button"
                  className="page-button"
                  aria-label={`Page ${n}`}
                  aria-current={n === page ? 'page' : undefined}
                  onClick={() => onPage(n)}
                >
                  {n}
                </button>
              </li>
            ),
          )}
        </ul>
        <span className="pagination__compact">
          Page {formatCount(page)} of {formatCount(totalPages)}
        </span>
        <button
          type="button"
          className="button button--ghost"
          aria-label="Next page"
          onClick={() => onPage(page + 1)}
          disabled={page >= totalPages}
        >
          Next <span aria-hidden="true">→</span>
        </button>
      </nav>
    </div>
  )
}
