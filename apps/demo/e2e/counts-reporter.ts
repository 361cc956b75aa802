import { writeFileSync } from 'node:fs'
import type { FullResult, Reporter, Suite } from '@playwright/test/reporter'

/**
 * Writes `{ passed, failed, skipped, status }` to the file named by FERRY_E2E_COUNTS when the run ends, so that
 * scripts/run-tests.mjs can add the end-to-end tests to the one `Tests: …` line CI reads. Does nothing
 * without that variable (a plain `playwright test`).
 */
export default class CountsReporter implements Reporter {
  private root: Suite | undefined

  onBegin(_config: unknown, suite: Suite): void {
    this.root = suite
  }

  onEnd(result: FullResult): void {
    const file = process.env.FERRY_E2E_COUNTS
    if (!file) return
    const counts = { passed: 0, failed: 0, skipped: 0, status: result.status }
    for (const test of this.root?.allTests() ?? []) {
      const outcome = test.outcome()
      if (outcome === 'expected' || outcome === 'flaky') counts.passed += 1
      else if (outcome === 'unexpected') counts.failed += 1
      else counts.skipped += 1
    }
    writeFileSync(file, JSON.stringify(counts))
  }

  printsToStdio(): boolean {
    return false
  }
}
