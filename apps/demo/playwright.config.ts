import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { defineConfig, devices } from '@playwright/test'

/**
 * End-to-end tests of the Orders console in Debian's Chromium, against the production build (`vite build` then
 * `vite preview`), the way a visitor gets it. `playwright install` cannot download browsers on our machines, so
 * the browser is the system one: /usr/bin/chromium, or the executable named by CHROMIUM_PATH.
 */
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const port = Number(process.env.FERRY_E2E_PORT || 4173)
const vite = `"${process.execPath}" "${join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js')}"`

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // `counts-reporter` writes the pass/fail/skip counts for scripts/run-tests.mjs (only when it asks for them).
  reporter: [['list'], ['./e2e/counts-reporter.ts']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `${vite} build --logLevel warn && ${vite} preview --strictPort --port ${port}`,
    url: `http://localhost:${port}`,
    // Always a fresh build of this checkout: a preview left running from an older build would test stale code.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
