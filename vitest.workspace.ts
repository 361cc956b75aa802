import type { TestProjectConfiguration } from 'vitest/config'

/**
 * The test projects of the repository. Vitest 4 ignores this file on its own, so
 * `vitest.config.ts` imports it into `test.projects`; keep every project listed here.
 */
// The apps test the packages' sources, not their builds.
// '@ferry/react/query' comes first: Vite's alias '@ferry/react' would also take its subpaths.
const packagesFromSource = {
  '@ferry/client': new URL('./packages/client/src/index.ts', import.meta.url).pathname,
  '@ferry/react/query': new URL('./packages/react/src/query.ts', import.meta.url).pathname,
  '@ferry/react': new URL('./packages/react/src/index.ts', import.meta.url).pathname,
  '@ferry/webhooks': new URL('./packages/webhooks/src/index.ts', import.meta.url).pathname,
}

const react18 = new URL('./packages/react/react18/node_modules', import.meta.url).pathname

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
  {
    // @ferry/webhooks: verification, the Request-level handler, the stores (a real redis-server) in node.
    test: {
      name: 'webhooks',
      root: './packages/webhooks',
      include: ['src/**/*.test.ts'],
      environment: 'node',
      typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
    },
  },
  {
    // @ferry/react: hooks and components in jsdom; '@ferry/client' resolves to its source, not its dist.
    resolve: {
      alias: { '@ferry/client': new URL('./packages/client/src/index.ts', import.meta.url).pathname },
    },
    test: {
      name: 'react',
      root: './packages/react',
      include: ['src/**/*.test.{ts,tsx}'],
      environment: 'jsdom',
      env: { FERRY_TEST_REACT: '19' },
      typecheck: { enabled: true, include: ['src/**/*.test-d.{ts,tsx}'], tsconfig: './tsconfig.test.json' },
    },
  },
  {
    // @ferry/react's tests again on React 18 (the peer range says >=18): react, react-dom (and their subpaths),
    // Testing Library and TanStack Query come from packages/react/react18, a private package whose React 18
    // copies share one React (pnpm would give an aliased react-dom 18 the workspace's React 19 as its peer).
    resolve: {
      alias: [
        {
          find: '@ferry/client',
          replacement: new URL('./packages/client/src/index.ts', import.meta.url).pathname,
        },
        ...['react', 'react-dom', '@testing-library/react', '@tanstack/react-query'].map((name) => ({
          find: new RegExp(`^${name}(/.*)?$`),
          replacement: `${react18}/${name}$1`,
        })),
      ],
    },
    test: {
      name: 'react18',
      root: './packages/react',
      include: ['src/**/*.test.{ts,tsx}'],
      environment: 'jsdom',
      env: { FERRY_TEST_REACT: '18' },
    },
  },
  {
    // The demo: mock API handlers and components in jsdom, packages from source.
    resolve: { alias: packagesFromSource },
    test: {
      name: 'demo',
      root: './apps/demo',
      include: ['src/**/*.test.{ts,tsx}'],
      // The story tests are their own project ('stories').
      exclude: ['src/stories.test.tsx'],
      environment: 'jsdom',
    },
  },
  {
    // The demo's state previews: every Storybook story rendered as a test (portable stories + msw/node).
    resolve: { alias: packagesFromSource },
    test: {
      name: 'stories',
      root: './apps/demo',
      include: ['src/stories.test.tsx'],
      environment: 'jsdom',
    },
  },
]

export default projects
