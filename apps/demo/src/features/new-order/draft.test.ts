import { HttpError } from '@ferry/client'
import { describe, expect, it } from 'vitest'
import { type Draft, serverFieldErrors, validateDraft } from './draft'

const valid: Draft = {
  customerName: '  Ada Lovelace ',
  email: 'ada@example.com',
  items: [{ key: 'a', sku: 'KET-GOO-08', quantity: '2' }],
  note: '   ',
}

describe('validateDraft', () => {
  it('gives the order to send: trimmed text, numeric quantities, no blank note', () => {
    expect(validateDraft(valid)).toEqual({
      ok: true,
      order: {
        customerName: 'Ada Lovelace',
        email: 'ada@example.com',
        items: [{ sku: 'KET-GOO-08', quantity: 2 }],
      },
    })
  })

  it.each([
    [{ customerName: 'A' }, 'customerName', 'Enter the customer’s name'],
    [{ email: 'ada@' }, 'email', 'Enter a valid email address'],
    [{ items: [] }, 'items', 'Add at least one item'],
    [{ items: [{ key: 'a', sku: '', quantity: '1' }] }, 'items.0.sku', 'Choose a product'],
    [{ items: [{ key: 'a', sku: 'X', quantity: '' }] }, 'items.0.quantity', 'Enter a quantity from 1 to 99'],
    [{ items: [{ key: 'a', sku: 'X', quantity: '0' }] }, 'items.0.quantity', 'Enter a quantity from 1 to 99'],
    [
      { items: [{ key: 'a', sku: 'X', quantity: '1.5' }] },
      'items.0.quantity',
      'Enter a quantity from 1 to 99',
    ],
    [{ note: 'x'.repeat(501) }, 'note', 'Keep the note under 500 characters'],
  ])('reports %j under %s', (patch, path, message) => {
    const result = validateDraft({ ...valid, ...patch })
    expect(result.ok ? {} : result.errors).toEqual({ [path]: message })
  })
})

describe('serverFieldErrors', () => {
  const http422 = (errors: unknown) =>
    new HttpError({
      request: { method: 'POST', url: '/api/orders', requestId: 'r' },
      response: new Response(null, { status: 422 }),
      body: undefined,
      problem: { status: 422, errors },
    })

  it('reads the API’s { field, message } list', () => {
    expect(serverFieldErrors(http422([{ field: 'items.0.sku', message: 'Unknown product "X"' }]))).toEqual({
      'items.0.sku': 'Unknown product "X"',
    })
  })

  it('ignores other errors and unknown shapes', () => {
    expect(serverFieldErrors(new Error('boom'))).toEqual({})
    expect(serverFieldErrors(http422('nonsense'))).toEqual({})
  })
})
