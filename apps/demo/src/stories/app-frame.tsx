import type { Decorator } from '@storybook/react-vite'
import type { ReactNode } from 'react'
import { CircuitBanner } from '../features/status/circuit-banner'
import { RateLimitBanner } from '../features/status/rate-limit-banner'

/** The app's frame around a screen (see `app.tsx`): the circuit and rate-limit banners above the main area. */
export function AppFrame({ children }: { readonly children: ReactNode }) {
  return (
    <div className="app">
      <div className="banners">
        <CircuitBanner />
        <RateLimitBanner />
      </div>
      <main className="app-main">{children}</main>
    </div>
  )
}

/** Shows a screen of the demo the way the app does, banners included. */
export const withAppFrame: Decorator = (Story) => (
  <AppFrame>
    <Story />
  </AppFrame>
)
