import { isAbortError } from '@ferry/client'
import { describeError, useFerryClient } from '@ferry/react'
import { useEffect, useRef, useState } from 'react'
import { saveFile } from '../../ui/save-file'

type Download =
  | { readonly status: 'idle' | 'loading' | 'done' }
  | { readonly status: 'error'; readonly message: string }

/** Downloads an order's PDF invoice (`as: 'blob'`), with its own progress and error message. */
export function InvoiceButton({ orderId }: { readonly orderId: string }) {
  const api = useFerryClient()
  const [download, setDownload] = useState<Download>({ status: 'idle' })
  const controller = useRef<AbortController | null>(null)
  useEffect(() => () => controller.current?.abort(), [])

  const start = async () => {
    controller.current?.abort()
    const current = new AbortController()
    controller.current = current
    setDownload({ status: 'loading' })
    try {
      const pdf = await api.get('/orders/:id/invoice', {
        params: { id: orderId },
        as: 'blob',
        signal: current.signal,
      })
      saveFile(pdf, `invoice-${orderId}.pdf`)
      setDownload({ status: 'done' })
    } catch (error) {
      if (!isAbortError(error)) setDownload({ status: 'error', message: describeError(error) })
    }
  }

  return (
    <div className="invoice">
      <button type="button" className="button" onClick={start} aria-busy={download.status === 'loading'}>
        <svg className="button__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 4v11m0 0-4-4m4 4 4-4M5 19h14" />
        </svg>
        Download invoice (PDF)
      </button>
      <p className="invoice__status" role="status">
        {download.status === 'loading' && 'Preparing the invoice…'}
        {download.status === 'done' && 'Invoice downloaded.'}
        {download.status === 'error' && `The invoice could not be downloaded. ${download.message}`}
      </p>
    </div>
  )
}
