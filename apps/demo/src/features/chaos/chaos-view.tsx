import { usesMockApi } from '../../api/client'
import { type ChaosSettings, resetChaos, serverErrorKinds, setChaos } from '../../mocks/chaos'
import { PageHeader } from '../../ui/page-header'
import { WebhookChaosCard } from '../payments/webhook-chaos-card'
import { ChaosSwitch } from './chaos-switch'
import { chaosPresets } from './presets'
import { RateSlider } from './rate-slider'
import { isChaotic, useChaos } from './use-chaos'
import './chaos.css'

const kindLabels: Readonly<Record<ChaosSettings['serverErrorKind'], string>> = {
  mixed: 'Mixed (503, HTML 502, 500)',
  '503': '503 with Retry-After: 2',
  '502-html': '502 HTML page from a proxy',
  '500': '500 problem+json',
}

const sameAs = (a: ChaosSettings, b: ChaosSettings) => JSON.stringify(a) === JSON.stringify(b)

/** The mock API's misbehaviour, visible and changeable; saved in this browser so it survives a reload. */
export function ChaosView() {
  const chaos = useChaos()
  const off = !usesMockApi
  return (
    <>
      <PageHeader
        title="Chaos"
        description="Make the mock API slow, flaky or hostile, and watch the client retry, back off and recover. Settings are saved in this browser."
        actions={
          <button type="button" className="button" onClick={resetChaos} disabled={off || !isChaotic(chaos)}>
            Reset to calm
          </button>
        }
      />
      {off && (
        <p className="notice notice--info">
          The app talks to a real backend (<code>VITE_API_BASE_URL</code>), so these settings have no effect.
        </p>
      )}
      <section className="card" aria-labelledby="chaos-presets">
        <h2 id="chaos-presets" className="card__title">
          Scenarios
        </h2>
        <div className="presets">
          {chaosPresets.map((preset) => (
            <button
              key={preset.name}
              type="button"
              className="preset"
              aria-pressed={sameAs(preset.settings, chaos)}
              disabled={off}
              onClick={() => setChaos(preset.settings)}
            >
              <span className="preset__name">{preset.name}</span>
              <span className="preset__description">{preset.description}</span>
            </button>
          ))}
        </div>
      </section>
      <div className="chaos-grid">
        <section className="card" aria-labelledby="chaos-latency">
          <h2 id="chaos-latency" className="card__title">
            Latency and failures
          </h2>
          <div className="slider">
            <div className="slider__head">
              <label className="field__label" htmlFor="chaos-latency-ms">
                Added latency
              </label>
              <output className="slider__value" htmlFor="chaos-latency-ms">
                {chaos.latencyMs} ms
              </output>
            </div>
            <input
              id="chaos-latency-ms"
              className="slider__input"
              type="range"
              min={0}
              max={5000}
              step={100}
              value={chaos.latencyMs}
              aria-valuetext={`${chaos.latencyMs} milliseconds`}
              disabled={off}
              onChange={(event) => setChaos({ latencyMs: Number(event.target.value) })}
            />
            <p className="field__hint">Added to every API response.</p>
          </div>
          <RateSlider
            label="Server errors"
            hint="Share of requests answered with a 5xx."
            value={chaos.serverErrorRate}
            disabled={off}
            onChange={(serverErrorRate) => setChaos({ serverErrorRate })}
          />
          <div className="field">
            <label className="field__label" htmlFor="chaos-kind">
              Kind of server error
            </label>
            <select
              id="chaos-kind"
              className="select"
              value={chaos.serverErrorKind}
              disabled={off}
              onChange={(event) => {
                const kind = serverErrorKinds.find((k) => k === event.target.value)
                if (kind) setChaos({ serverErrorKind: kind })
              }}
            >
              {serverErrorKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {kindLabels[kind]}
                </option>
              ))}
            </select>
          </div>
          <RateSlider
            label="Network errors"
            hint="The connection fails before any response."
            value={chaos.networkErrorRate}
            disabled={off}
            onChange={(networkErrorRate) => setChaos({ networkErrorRate })}
          />
          <RateSlider
            label="Hanging requests"
            hint="No answer at all, until the client's timeout gives up."
            value={chaos.hangRate}
            disabled={off}
            onChange={(hangRate) => setChaos({ hangRate })}
          />
        </section>
        <section className="card" aria-labelledby="chaos-bodies">
          <h2 id="chaos-bodies" className="card__title">
            Bad bodies and limits
          </h2>
          <RateSlider
            label="200 with an error body"
            hint={'Status 200, but the body is { error: { code, message } }.'}
            value={chaos.envelopeErrorRate}
            disabled={off}
            onChange={(envelopeErrorRate) => setChaos({ envelopeErrorRate })}
          />
          <RateSlider
            label="Malformed JSON"
            hint="Status 200, application/json, body cut off halfway."
            value={chaos.malformedJsonRate}
            disabled={off}
            onChange={(malformedJsonRate) => setChaos({ malformedJsonRate })}
          />
          <ChaosSwitch
            setting="forceEmpty"
            chaos={chaos}
            disabled={off}
            label="Empty results"
            hint="Lists come back with no rows."
          />
          <ChaosSwitch
            setting="rateLimited"
            chaos={chaos}
            disabled={off}
            label="Rate limited"
            hint="Every request gets 429 with Retry-After: 5."
          />
          <ChaosSwitch
            setting="unsizedDownloads"
            chaos={chaos}
            disabled={off}
            label="Downloads without a size"
            hint="Export and invoice come without Content-Length: progress counts bytes received."
          />
          <ChaosSwitch
            setting="slowOrders"
            chaos={chaos}
            disabled={off}
            label="Slow order processing"
            hint="A new order takes 10 s; the gateway answers 504 after 2 s while the server carries on."
          />
        </section>
        <WebhookChaosCard disabled={off} />
      </div>
    </>
  )
}
