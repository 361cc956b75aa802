import { isAbortError, type Progress, progress } from '@ferry/client'
import { describeError, useFerryClient } from '@ferry/react'
import { useEffect, useId, useRef, useState } from 'react'
import { describeDownload, ProgressBar, percentOf } from '../../ui/progress-bar'
import { saveFile } from '../../ui/save-file'

type Download =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' | 'done'; readonly bytes: Progress | undefined }
  | { readonly status: 'error'; readonly message: string }

/**
 * Downloads an order's PDF invoice (`as: 'blob'`) with a progress bar driven by the client's download
 * progress (`progress()`), and its own error message.
 */
export function InvoiceButton({ orderId }: { readonly orderId: string }) {
  const api = useFerryClient()
  const [download, setDownload] = useState<Download>({ status: 'idle' })
  const controller = useRef<AbortController | null>(null)
  const labelId = useId()
  useEffect(() => () => controller.current?.abort(), [])

  const start = async () => {
    controller.current?.abort()
    const current = new AbortController()
    controller.current = current
    setDownload({ status: 'loading', bytes: undefined })
    const onDownloadProgress = (bytes: Progress) => {
      if (controller.current === current) setDownload({ status: 'loading', bytes })
    }
    try {
      const pdf = await api.get('/orders/:id/invoice', {
        params: { id: orderId },
        as: 'blob',
        signal: current.signal,
        use: [progress({ onDownloadProgress })],
      })
      saveFile(pdf, `invoice-${orderId}.pdf`)
      setDownload((last) => ({ status: 'done', bytes: 'bytes' in last ? last.bytes : undefined }))
    } catch (error) {
      if (!isAbortError(error)) setDownload({ status: 'error', message: describeError(error) })
    }
  }

  const bytes = 'bytes' in download ? download.bytes : undefined
  return (
    <div className="invoice">
      <button type="button" className="button" onClick={start} aria-busy={download.status === 'loading'}>
        <svg className="button__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 4v11m0 0-4-4m4 4 4-4M5 19h14" />
        </svg>
        Download invoice (PDF)
      </button>
      {/*
        The status line names the bar and speaks once; the bar's value text carries the bytes, per chunk. The
        same words show under the bar ("412.0 kB received" while the server sends no Content-Length, "45 %,
        12.4 kB of 27.1 kB" with one), hidden from screen readers, which read them as the bar's value.
      */}
      {(download.status === 'loading' || download.status === 'done') && (
        <>
          <ProgressBar labelledBy={labelId} percent={percentOf(bytes)} text={describeDownload(bytes)} />
          <p className="invoice__bytes" aria-hidden="true">
            {describeDownload(bytes)}
          </p>
        </>
      )}
      <p className="invoice__status" role="status" id={labelId}>
        {download.status === 'loading' && 'Downloading the invoice…'}
        {download.status === 'done' && 'Invoice downloaded.'}
        {download.status === 'error' && `The invoice could not be downloaded. ${download.message}`}
      </p>
    </div>
  )
}
