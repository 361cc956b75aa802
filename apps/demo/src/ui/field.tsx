import { type ReactElement, type ReactNode, useId } from 'react'

interface FieldProps {
  readonly label: string
  /** The error to show under the control; also marks it invalid. */
  readonly error?: string | undefined
  readonly hint?: ReactNode
  /** Renders the control with the ids it must carry (`id`, `aria-describedby`, `aria-invalid`). */
  readonly children: (control: {
    readonly id: string
    readonly 'aria-describedby': string | undefined
    readonly 'aria-invalid': boolean
  }) => ReactElement
  readonly className?: string
}

/** A labelled form control with its hint and inline error, wired for screen readers. */
export function Field({ label, error, hint, children, className }: FieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': Boolean(error) })}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  )
}
