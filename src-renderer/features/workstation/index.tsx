/**
 * Composition of the operator workstation: intake (features/intake) + delivery (sync runtime, outbox UI).
 * main.tsx calls installDelivery() once after installWorkstation(); the frame mounts OutboxTopBar / OutboxNoticeArea,
 * and areas.ts mounts OperatorArea (intake and the queue side by side as tabs).
 */
import { i18n } from '../../i18n'
import { getWorkstation, IntakeArea } from '../intake/workstation'
import { installSync, OperatorWorkspace, registerWorkstationI18n } from './sync'

export { OutboxNoticeArea, OutboxTopBar, openOutbox, useSyncStore } from './sync'

let installed: (() => Promise<void>) | null = null

/** Wires delivery to the installed intake workstation: its ArmDb and its gateway base URL. */
export function installDelivery(opts: { gatewayUrl: () => Promise<string> }): void {
  if (installed) return
  const ws = getWorkstation()
  if (!ws) throw new Error('installWorkstation() must run before installDelivery()')
  registerWorkstationI18n(i18n)
  installed = installSync({ db: ws.db, baseUrl: () => ws.gateway.baseUrl, gatewayUrl: opts.gatewayUrl })
}

/** The operator area: intake and the outbox as two tabs (Alt+O). */
export function OperatorArea() {
  return <OperatorWorkspace intake={IntakeArea} />
}
