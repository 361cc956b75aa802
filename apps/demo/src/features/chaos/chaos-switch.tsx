import type { ChaosSettings } from '../../mocks/chaos'
import { setChaos } from '../../mocks/chaos'

/** The chaos settings that are on or off. */
export type ChaosToggle = 'forceEmpty' | 'rateLimited' | 'unsizedDownloads' | 'slowOrders'

interface ChaosSwitchProps {
  readonly setting: ChaosToggle
  readonly chaos: ChaosSettings
  readonly label: string
  readonly hint: string
  readonly disabled: boolean
}

/** One on/off chaos setting as a labelled switch with a hint; changing it saves it at once. */
export function ChaosSwitch({ setting, chaos, label, hint, disabled }: ChaosSwitchProps) {
  return (
    <label className="switch">
      <input
        type="checkbox"
        checked={chaos[setting]}
        disabled={disabled}
        onChange={(event) => setChaos({ [setting]: event.target.checked })}
      />
      <span className="switch__text">
        <span className="switch__label">{label}</span>
        <span className="field__hint">{hint}</span>
      </span>
    </label>
  )
}
