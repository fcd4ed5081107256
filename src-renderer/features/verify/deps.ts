import { createContext, useContext } from 'react'
import type { ServiceCatalog } from '@shared/catalog'
import type { PublicVerifyResponse } from '@shared/gateway/api'
import type { PrintFonts } from '@shared/print'
import type { CmsCheck } from '@shared/verify'

/** What the Verify screen needs from the desk (areas.tsx builds it): main's signature check, the gateway, fonts. */
export interface VerifyDeps {
  /** The carried CMS checked by main against its trust store and the НУЦ CRLs. */
  check: CmsCheck
  /** The gateway's public answer; throws a coded error when the gateway is unreachable. */
  online: (registrationNumber: string, sha256: string) => Promise<PublicVerifyResponse>
  serviceName: (serviceId: string, lang: 'kk' | 'ru' | 'en') => string | undefined
  /** The catalogue the document card's printed pages are checked against (as printing does). */
  catalog: Pick<ServiceCatalog, 'find'>
  fonts: () => Promise<PrintFonts>
  /** An address the desk can open or save the report PDF from. */
  present: (pdf: Uint8Array, name: string) => string
}

export const VerifyDepsContext = createContext<VerifyDeps | null>(null)

export function useVerifyDeps(): VerifyDeps {
  const d = useContext(VerifyDepsContext)
  if (!d) throw new Error('VerifyDepsContext is not provided')
  return d
}
