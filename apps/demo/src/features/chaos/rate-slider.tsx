import { useId } from 'react'

interface RateSliderProps {
  readonly label: string
  readonly hint: string
  /** 0..1 */
  readonly value: number
  readonly onChange: (value: number) => void
  readonly disabled: boolean
}

/** A share of requests (0–100 %) as a labelled slider with its value spelled out. */
export function RateSlider({ label, hint, value, onChange, disabled }: RateSliderProps) {
  const id = useId()
  const percent = Math.round(value * 100)
  return (
    <div className="slider">
      <div className="slider__head">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        <output className="slider__value" htmlFor={id}>
          {percent} %
        </output>
      </div>
      <input
        id={id}
        className="slider__input"
        type="range"
        min={0}
        max={100}
        step={5}
        value={percent}
        aria-valuetext={`${percent} percent`}
        aria-describedby={`${id}-hint`}
        disabled={disabled}
        onChange={(event) => onChange(Number(event.target.value) / 100)}
      />
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  )
}
