import type { ComponentType } from 'react'
import type { Area } from '../state/ui'
import { OperatorArea } from '../features/workstation'
import { SpecialistArea } from '../features/inbox/area'
import { SupervisorArea } from '../features/supervisor/area'

/**
 * The screen each area of the frame shows once a feature provides it; until then the frame shows a placeholder.
 * A feature mounts itself with one line here, e.g. `operator: IntakeScreen` (import from ../features/intake/…).
 */
export const AREA_SCREENS: Partial<Record<Area, ComponentType>> = {
  operator: OperatorArea,
  specialist: SpecialistArea,
  supervisor: SupervisorArea,
}
