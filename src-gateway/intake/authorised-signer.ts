/**
 * Who signs a department's decision (issue 13 point 2). The regulations have the authorised official sign results, and
 * NCA says who that is in the certificate itself: the key-user policy "first head" (1.2.398.3.3.4.1.2.1) or "right to
 * sign" (1.2.398.3.3.4.1.2.2), issued for the organisation's БИН. An employee's key (1.2.398.3.3.4.1.2.5) prepares a
 * decision; it never signs one.
 */
import { ArmError } from '../../src-shared/errors'
import { canonicalJson } from '../../src-shared/envelope'
import type { NcaRole } from '../../src-shared/crypto'
import type { DecisionDocument } from '../../src-shared/results'
import type { SignerFacts } from '../ports'

/** The key-user policies that carry the right to sign for the organisation. */
export const SIGNING_ROLES: readonly NcaRole[] = ['head', 'sign-right']

/**
 * Throws unless the certificate may sign for a department with these БИНs: GW_SIGNER_ORG_MISMATCH for another
 * organisation's certificate (checked first: a head of another body is still another body), GW_SIGNER_NOT_AUTHORISED
 * for the department's own certificate without the first-head or right-to-sign policy.
 */
export function assertAuthorisedSigner(signer: Pick<SignerFacts, 'bin' | 'roles'>, departmentBins: readonly string[]): void {
  if (!signer.bin || !departmentBins.includes(signer.bin)) throw new ArmError('GW_SIGNER_ORG_MISMATCH', 'the certificate is not of the department that decides')
  if (!signer.roles?.some((r) => SIGNING_ROLES.includes(r))) {
    throw new ArmError('GW_SIGNER_NOT_AUTHORISED', 'the certificate has neither the first-head nor the right-to-sign key-user policy')
  }
}

/**
 * What the authorised person must sign unchanged: everything the specialist prepared except who signs and when (the
 * signature block and the decision time are the signer's own).
 */
export function sameDecisionContent(prepared: DecisionDocument, signed: DecisionDocument): boolean {
  const content = ({ signer: _signer, decidedAt: _decidedAt, ...rest }: DecisionDocument) => canonicalJson(rest)
  return content(prepared) === content(signed)
}
