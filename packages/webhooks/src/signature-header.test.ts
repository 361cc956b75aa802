import { describe, expect, it } from 'vitest'
import { isWebhookError } from './errors.js'
import { bytesToHex, parseSignatureHeader } from './signature-header.js'

const A = 'a'.repeat(64)
const B = '0123456789abcdef'.repeat(4)

describe('parseSignatureHeader', () => {
  it.each([
    ['one v1', `t=1700000000,v1=${A}`, 1700000000, [A]],
    ['several v1, in order', `t=1,v1=${A},v1=${B}`, 1, [A, B]],
    ['spaces around parts', ` t=5 , v1=${A} `, 5, [A]],
    ['v0 and unknown schemes ignored', `t=5,v0=${B},v1=${A},x=1`, 5, [A]],
    ['upper-case hex', `t=5,v1=${A.toUpperCase()}`, 5, [A]],
    ['a v1 that is not 64 hex digits is skipped', `t=5,v1=zz,v1=${A}`, 5, [A]],
    ['timestamp last', `v1=${A},t=9`, 9, [A]],
  ])('parses %s', (_name, header, timestamp, signatures) => {
    const parsed = parseSignatureHeader(header)
    expect(parsed.timestamp).toBe(timestamp)
    expect(parsed.signatures.map(bytesToHex)).toEqual(signatures)
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['empty', ''],
    ['blank', '   '],
  ])('says the header is missing when it is %s', (_name, header) => {
    const error = catchError(() => parseSignatureHeader(header))
    expect(error.code).toBe('missing-header')
    expect(error.message).toMatch(/Stripe-Signature/)
  })

  it.each([
    ['no timestamp', `v1=${A}`, /no timestamp/],
    ['a timestamp that is not a number', `t=soon,v1=${A}`, /no timestamp/],
    ['no v1', 't=5', /no v1 signature/],
    ['only v0', `t=5,v0=${A}`, /no v1 signature/],
    ['a v1 of the wrong length', 't=5,v1=abcd', /no v1 signature/],
    ['not key=value at all', 'garbage', /no timestamp/],
  ])('calls a header with %s malformed', (_name, header, message) => {
    const error = catchError(() => parseSignatureHeader(header))
    expect(error.code).toBe('malformed-header')
    expect(error.message).toMatch(message)
  })
})

function catchError(fn: () => unknown) {
  try {
    fn()
  } catch (error) {
    if (isWebhookError(error)) return error
    throw error
  }
  throw new Error('expected a WebhookError')
}
