import { createContext, useContext } from 'react'
import type { Workstation } from './workstation'

/** The one context handing out the composition root to the frame (features get their own deps from app/areas.tsx). */
export const WorkstationContext = createContext<Workstation | null>(null)

export function useWorkstation(): Workstation {
  const ws = useContext(WorkstationContext)
  if (!ws) throw new Error('WorkstationContext is not provided')
  return ws
}
