import type { Reporter, TestModule } from 'vitest/node'

/**
 * Ends the run with one plain line, `Tests: N passed, N failed, N skipped`, that CI reads to know how many
 * tests ran. Vitest's own summary is kept above it.
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
    process.stdout.write(
      `\nTests: ${counts.passed} passed, ${counts.failed + failedModules} failed, ${counts.skipped + counts.pending} skipped\n`,
    )
  }
}
