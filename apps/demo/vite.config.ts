import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// The packages are used from source, so the demo always shows the code in this checkout (and HMR reaches it).
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@ferry/client': source('../../packages/client/src/index.ts'),
      // Before '@ferry/react', which would also take its subpaths.
      '@ferry/react/query': source('../../packages/react/src/query.ts'),
      '@ferry/react': source('../../packages/react/src/index.ts'),
      '@ferry/webhooks': source('../../packages/webhooks/src/index.ts'),
    },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
})
