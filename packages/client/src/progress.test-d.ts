import { describe, expectTypeOf, it } from 'vitest'
import { createClient, type Middleware, type Progress, progress } from './index.js'

describe('progress types', () => {
  it('is a middleware whose callbacks get ky-shaped progress and the chunk', () => {
    const step = progress({
      onDownloadProgress: (report, chunk) => {
        expectTypeOf(report).toEqualTypeOf<Progress>()
        expectTypeOf(report.percent).toEqualTypeOf<number | undefined>()
        expectTypeOf(report.totalBytes).toEqualTypeOf<number | undefined>()
        expectTypeOf(report.transferredBytes).toEqualTypeOf<number>()
        expectTypeOf(chunk).toEqualTypeOf<Uint8Array>()
      },
    })
    expectTypeOf(step).toEqualTypeOf<Middleware>()
    expectTypeOf(createClient().get('/x', { as: 'blob', use: [step] })).resolves.toEqualTypeOf<Blob>()
    // @ts-expect-error an unknown callback name is refused (a typo would otherwise report nothing)
    progress({ onProgress: () => undefined })
  })
})
