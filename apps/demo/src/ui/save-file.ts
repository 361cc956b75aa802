/**
 * Saves a Blob under `filename` through a temporary object URL, the way a browser download starts.
 *
 * @example
 * saveFile(await api.get(`/orders/${id}/invoice`, { as: 'blob' }), `invoice-${id}.pdf`)
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on the next tick: the download has started by then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
