import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp, setupMockApi } from '../../ui/testing'
import { ExportView } from './export-view'

setupMockApi()

describe('ExportView', () => {
  it('streams every order and counts them up to X-Total-Count', async () => {
    renderApp(<ExportView />, { url: '/?view=export' })
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }))
    expect(await screen.findByRole('heading', { name: 'Export complete' }, { timeout: 5000 })).toBeTruthy()
    expect(screen.getByText('2,400 of 2,400 orders (100 %)')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Save 2,400 orders as NDJSON' })).toBeTruthy()
  })

  it('exports only the orders of the chosen status', async () => {
    renderApp(<ExportView />, { url: '/?view=export' })
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'refunded' } })
    fireEvent.click(screen.getByRole('button', { name: 'Start export' }))
    await screen.findByRole('heading', { name: 'Export complete' }, { timeout: 5000 })
    const count = screen.getByText(/of .* orders \(100 %\)/).textContent ?? ''
    const [received, total] = count.match(/[\d,]+/g) ?? []
    expect(received).toBe(total)
    expect(Number(total?.replace(',', ''))).toBeLessThan(2400)
  })
})
