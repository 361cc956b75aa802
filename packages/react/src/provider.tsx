'use client'
import type { Client } from '@ferry/client'
import { createContext, type ReactElement, type ReactNode, useContext } from 'react'

const FerryContext = createContext<Client | null>(null)

/** Props of `<FerryProvider>`. */
export interface FerryProviderProps {
  readonly client: Client
  readonly children?: ReactNode
}

/**
 * Puts a client in context for every Ferry hook below it.
 *
 * @example
 * <FerryProvider client={api}><App /></FerryProvider>
 */
export function FerryProvider({ client, children }: FerryProviderProps): ReactElement {
  return <FerryContext.Provider value={client}>{children}</FerryContext.Provider>
}

/**
 * The client given as `client`, else the one from `<FerryProvider>`; throws when there is neither.
 *
 * @example
 * const api = useFerryClient()
 */
export function useFerryClient(client?: Client): Client {
  const fromContext = useContext(FerryContext)
  const found = client ?? fromContext
  if (!found) throw new Error('Ferry: no client; use <FerryProvider> or the client option')
  return found
}
