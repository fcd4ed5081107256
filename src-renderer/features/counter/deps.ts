import { depsContext } from '../../ui/depsContext'
import type { ServiceCatalog } from '@shared/catalog'
import type { PrintFonts } from '@shared/print'
import type { Gateway } from '../../gateway/client'
import type { PdfPrinter } from '../../ui/printPdf'
import type { SignatureReportSlot } from '../../ui/signatureReportSlot'
import type { SignatureFacts } from './documents'

/** A request signed at this desk, as its local database keeps it (for the receipt). */
export interface LocalRequest {
  id: string
  serviceId: string
  state: string
  registrationNumber?: string
  envelope?: Uint8Array
  createdAt: number
  applicantMasked?: string
}

/** What the counter needs from the desk; the composition root (app/areas.tsx) builds it. */
export interface CounterDeps {
  gateway: Pick<Gateway, 'call'>
  catalog: Pick<ServiceCatalog, 'find'>
  /** Checks a CMS over its content in main (the desk's one verifier). */
  verifier: { verify(p: { cms: string; content: string }): Promise<SignatureFacts> }
  /** The full verification report of the result's signature (features/verify, mounted by the app). */
  signatureReport?: SignatureReportSlot
  fonts: () => Promise<PrintFonts>
  printer: PdfPrinter
  /** Requests signed at this desk, newest first. */
  localRequests: () => Promise<LocalRequest[]>
  operator: () => { name: string; iin?: string; tsonId?: string }
  /** How often the list asks the gateway again (ms); hand-overs at other desks show up within it. */
  refreshMs?: number
}

export const [CounterDepsContext, useCounterDeps] = depsContext<CounterDeps>('CounterDepsContext')
