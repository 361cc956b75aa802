import type { TestProjectConfiguration } from 'vitest/config'

/**
 * The test projects of the repository. Vitest 4 ignores this file on its own, so
 * `vitest.config.ts` imports it into `test.projects`; keep every project listed here.
 */
export const projects: TestProjectConfiguration[] = [
  {
    test: {
      name: 'client',
      root: './packages/client',
      include: ['src/**/*.test.ts'],
      environment: 'node',
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
    },
  },
]

export default projects
