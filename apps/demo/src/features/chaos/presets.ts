import { type ChaosSettings, defaultChaos } from '../../mocks/chaos'

export interface ChaosPreset {
  readonly name: string
  readonly description: string
  readonly settings: ChaosSettings
}

/** Ready-made scenarios for the chaos panel. */
export const chaosPresets: ReadonlyArray<ChaosPreset> = [
  { name: 'Calm', description: 'No faults, no added latency.', settings: defaultChaos },
  { name: 'Slow', description: '1.5 s on every response.', settings: { ...defaultChaos, latencyMs: 1500 } },
  {
    name: 'Flaky',
    description: '30 % server errors, 10 % network errors, 300 ms latency.',
    settings: { ...defaultChaos, latencyMs: 300, serverErrorRate: 0.3, networkErrorRate: 0.1 },
  },
  {
    name: 'Outage',
    description: 'Every request gets 503 with Retry-After: 2.',
    settings: { ...defaultChaos, serverErrorRate: 1, serverErrorKind: '503' },
  },
  {
    name: 'Rate limited',
    description: 'Every request gets 429 with Retry-After: 5.',
    settings: { ...defaultChaos, rateLimited: true },
  },
]
