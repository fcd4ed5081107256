import type { ComponentType } from 'react'

/**
 * Where a feature shows the full verification report of a signed document it holds (the inbox: the operator's
 * request; the counter: the result). The composition root fills the slot with features/verify's report — features
 * never import one another — and a feature leaves the slot empty where no report is wired (tests, thin views).
 */
export interface SignatureReportProps {
  what: 'result' | 'request'
  registrationNumber: string
  /** The signed bytes and the detached CMS, base64 as the desk's verifier takes them. */
  document: string
  signature: string
}

export type SignatureReportSlot = ComponentType<SignatureReportProps>
