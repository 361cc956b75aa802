import type { Order } from '../api/schemas.js'

/**
 * A real, minimal PDF 1.4 document (one A4 page, Helvetica, a correct xref table) for an order's invoice.
 * Text is reduced to printable ASCII so that byte offsets equal string offsets.
 */
function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^\x20-\x7e]/g, '?')
}

function pdfString(text: string): string {
  return `(${ascii(text).replace(/[\\()]/g, (c) => `\\${c}`)})`
}

function euros(cents: number): string {
  return `EUR ${(cents / 100).toFixed(2)}`
}

function invoiceLines(order: Order): Array<[size: number, text: string]> {
  return [
    [20, `Invoice ${order.id}`],
    [10, `Ferry Coffee Supplies - order date ${order.createdAt.slice(0, 10)} - status ${order.status}`],
    [10, ''],
    [12, `Bill to: ${order.customer.name} <${order.customer.email}>`],
    [10, ''],
    ...order.items.map((item): [number, string] => [
      11,
      `${item.quantity} x ${item.name} (${item.sku}) @ ${euros(item.unitPriceCents)} = ${euros(item.quantity * item.unitPriceCents)}`,
    ]),
    [10, ''],
    [14, `Total: ${euros(order.totalCents)}`],
  ]
}

/**
 * The invoice of `order` as PDF bytes.
 *
 * @example
 * new Response(invoicePdf(order), { headers: { 'Content-Type': 'application/pdf' } })
 */
export function invoicePdf(order: Order): Uint8Array<ArrayBuffer> {
  let y = 790
  const content = invoiceLines(order)
    .map(([size, text]) => {
      y -= size + 8
      return `BT /F1 ${size} Tf 56 ${y} Td ${pdfString(text)} Tj ET`
    })
    .join('\n')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfString(`Invoice ${order.id}`)} /Producer (Ferry demo mock API) >>`,
  ]
  let pdf = '%PDF-1.4\n'
  const offsets = objects.map((body, index) => {
    const offset = pdf.length
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`
    return offset
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(pdf)
}
