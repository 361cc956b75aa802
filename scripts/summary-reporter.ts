import { writeFileSync } from 'node:fs'
import type { Reporter, TestModule } from 'vitest/node'

/**
 * Ends the run with one plain line, `Tests: N passed, N failed, N skipped`, that CI reads to know how many
 * tests ran. Vitest's own summary is kept above it.
 *
 * Under scripts/run-tests.mjs (which sets FERRY_VITEST_COUNTS to a file path) the counts are also written to that
 * file as JSON, and the line is labelled `Vitest:` instead: the script ends the whole run with the one `Tests:`
 * line over Vitest and Playwright together.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 }
    for (const module of modules) {
      for (const test of module.children.allTests()) counts[test.result().state] += 1
    }
    const failedModules = modules.filter(
      (module) => module.state() === 'failed' && module.children.size === 0,
    ).length
    const summary = {
      passed: counts.passed,
      failed: counts.failed + failedModules,
      skipped: counts.skipped + counts.pending,
    }
    const file = process.env.FERRY_VITEST_COUNTS
    if (file) writeFileSync(file, JSON.stringify(summary))
    process.stdout.write(
      `\n${file ? 'Vitest' : 'Tests'}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`,
    )
  }
}
