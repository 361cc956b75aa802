import type { StorybookConfig } from '@storybook/react-vite'

// State previews of the demo: every data-driven component in every state, driven through MSW.
// Works offline: no telemetry, no update checks, no addons that fetch anything.
const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../src/**/*.stories.tsx'],
  addons: ['msw-storybook-addon'],
  // public/ holds mockServiceWorker.js, which msw-storybook-addon registers.
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: false },
}

export default config
