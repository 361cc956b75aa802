import { QueryState } from '@ferry/react'
import { useProducts } from '../../api/queries'
import { EmptyState } from '../../ui/empty-state'
import { ErrorState } from '../../ui/error-state'
import { LoadingState } from '../../ui/loading-state'
import { PageHeader } from '../../ui/page-header'
import { RefreshNotice } from '../../ui/refresh-notice'
import { NewOrderForm } from './new-order-form'
import './new-order.css'

/** Placing an order by hand: the catalogue first, then the form. */
export function NewOrderView() {
  const products = useProducts()
  return (
    <>
      <PageHeader
        title="New order"
        description="Submitted with an Idempotency-Key: a double click or a retry can never create the order twice."
      />
      <QueryState
        state={products}
        loading={(retrying) => <LoadingState label="Loading the catalogue" retrying={retrying} lines={5} />}
        error={(error, retry) => (
          <ErrorState title="Could not load the catalogue" error={error} onRetry={retry} />
        )}
        empty={<EmptyState title="The catalogue is empty">There is nothing to order yet.</EmptyState>}
        refreshError={(error, retry) => <RefreshNotice what="the catalogue" error={error} onRetry={retry} />}
      >
        {(list) => <NewOrderForm products={list} />}
      </QueryState>
    </>
  )
}
