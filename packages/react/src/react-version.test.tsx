import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { expect, it } from 'vitest'

function Version() {
  // TanStack's hooks run on the React that renders them: two copies of React would throw here.
  const { data } = useQuery({ queryKey: ['version'], queryFn: () => version })
  return <p>{data ?? 'loading'}</p>
}

// The `react` project runs on React 19, `react18` on React 18 (vitest.workspace.ts sets FERRY_TEST_REACT).
it('runs on the React of its project, shared by react-dom, Testing Library and TanStack Query', async () => {
  expect(version.split('.')[0]).toBe(process.env.FERRY_TEST_REACT)
  expect(domVersion).toBe(version)
  render(
    <QueryClientProvider client={new QueryClient()}>
      <Version />
    </QueryClientProvider>,
  )
  expect(await screen.findByText(version)).toBeTruthy()
})
