import { depsContext } from '../../ui/depsContext'
import type { ServiceDefinition } from '@shared/catalog'
import type { PrintFonts } from '@shared/print'
import type { ArmDb } from '../../db'
import type { Gateway } from '../../gateway/client'

/** What the payment panels need from the desk (given by app/areas.tsx). */
export interface PaymentDeps {
  gateway: Pick<Gateway, 'call'>
  db: Pick<ArmDb, 'requests'>
  catalog: { find(id: string): ServiceDefinition | undefined }
  fonts: () => Promise<PrintFonts>
  /** Checks the department's CMS over a result in main; absent where no crypto bridge is wired. */
  verify?: (p: { cms: string; content: string }) => Promise<{ indication: string; signerName?: string }>
  /** A blob: URL for a printed PDF. */
  present: (pdf: Uint8Array, name: string) => string
  /** Opens a new intake draft of `serviceId` prefilled with the fields of an expired request (T1 again, same data). */
  startAgain: (p: { serviceId: string; fields: Record<string, unknown> }) => Promise<void>
  newId: () => string
  now: () => number
}

export const [PaymentDepsContext, usePaymentDeps] = depsContext<PaymentDeps>('PaymentDepsContext')
