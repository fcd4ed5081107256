import { depsContext } from '../../../ui/depsContext'
import type { ZodType } from 'zod'
import type { Lang } from '@shared/errors'
import type { ServiceDefinition } from '@shared/catalog/types'
import type { Gateway } from '../../../gateway/client'
import type { DraftStore, KeyOption } from '../core/ports'
import type { SignAndQueue } from '../core/signAndQueue'
import type { ScannerPort } from '../../../bridge/scanner'
import type { TokenPort } from '../../../bridge/tokens'

/** What the intake screens need from the catalogue (src-shared/catalog's ServiceCatalog satisfies it). */
export interface IntakeCatalog {
  services(): readonly ServiceDefinition[]
  /** Ranked search by name, keyword, life situation or provider in Kazakh or Russian; empty query gives all. */
  search(query: string, lang: Lang): readonly ServiceDefinition[]
  formSchema(serviceId: string, channel: 'tson' | 'provider'): ZodType
}

export interface IntakeOperator {
  iin: string
  tsonId?: string
  departmentId?: string
  channel: 'tson' | 'provider'
}

/** Everything the intake screens use, injected once by the app (and by tests with real parts). */
export interface IntakeDeps {
  catalog: IntakeCatalog
  /** Registry look-ups (ГБД ФЛ/ЮЛ, ЕНИС) through the desk's one gateway client. */
  gateway: Pick<Gateway, 'call'>
  store: DraftStore
  signer: SignAndQueue
  operator: () => IntakeOperator
  /** True when the session is offline (registry checks are skipped and marked "not yet verified"). */
  offline: () => boolean
  newId: () => string
  now: () => number
  /** The desk's document scanner in main; absent where there is no bridge (then only "Add file"). */
  scanner?: ScannerPort
  /** The token drivers and tokens main sees (PKCS#11 in main); absent where there is no bridge. */
  tokens?: TokenPort
  /** Keys the operator may sign with (window.arm.crypto.listKeys); absent in tests that sign without a choice. */
  listKeys?: () => Promise<KeyOption[]>
  /** Signed requests of this desk with their queue state, newest first (the outbox DB in the app). */
  recentRequests?: () => Promise<{ id: string; serviceId: string; state: string; registrationNumber?: string; gatewayStatus?: string; applicantMasked?: string; updatedAt: number }[]>
  /**
   * Whether this desk may register the service. A department's own desk (a walk-in, channel `provider`) registers
   * only its department's services; absent: every service of the channel (a ЦОН desk).
   */
  offers?: (serviceId: string) => boolean
  /** The M3 refusal of a consumer not found in ГБД ФЛ/ЮЛ: recorded, the draft closed. */
  recordRejection?: (p: { draftId: string; serviceId: string; code: string; applicantMasked: string }) => Promise<void>
}

export const [IntakeDepsContext, useIntakeDeps] = depsContext<IntakeDeps>('IntakeDepsContext')

/** The catalogue's own condition rule, so visibility on screen and validation never disagree. */
export { holds } from '@shared/catalog/form'
