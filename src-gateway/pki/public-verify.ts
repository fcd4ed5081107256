/**
 * The public verification answer (issue 17 point 2): anyone holding a printout asks by its unique number and the
 * SHA-256 printed under its barcode — no sign-in, rate-limited per client — and learns valid / tampered / revoked /
 * unknown. Details (service, issue date, issuer, the holder's masked name) only when the hash is right: a number
 * alone (they are sequential) must not tell who received which справка.
 */
import { sha256Hex } from '../../src-shared/bytes'
import { catalog } from '../../src-shared/catalog'
import { ArmError } from '../../src-shared/errors'
import type { PublicVerifyResponse } from '../../src-shared/gateway/api'
import { isDecisionDocument, parseDecisionBytes } from '../../src-shared/results'
import { maskHolderName, parseSignedBarcode } from '../../src-shared/verify'
import type { Clock, EnvelopeVerifier } from '../ports'
import type { GatewayStore } from '../store/types'

const NUMBER = /^[\p{L}\p{N}\-/.]{1,64}$/u

export class PublicVerifier {
  constructor(
    private readonly store: Pick<GatewayStore, 'requestByRegNo'>,
    private readonly verifier: EnvelopeVerifier,
    private readonly clock: Clock,
  ) {}

  /**
   * The QR texts of a printout, parsed by the same parser as the desk and the CLI (coded BARCODE_* errors). The hash
   * the barcode carries is the hash of the document it carries, so the register's answer covers the whole barcode.
   */
  async verifyBarcode(parts: string[]): Promise<PublicVerifyResponse> {
    const b = parseSignedBarcode(parts)
    return this.verify(b.registrationNumber, b.sha256)
  }

  async verify(registrationNumber: string, sha256: string): Promise<PublicVerifyResponse> {
    if (!NUMBER.test(registrationNumber) || !/^[0-9a-f]{64}$/.test(sha256)) throw new ArmError('VERIFY_INPUT_INVALID')
    const now = this.clock.now()
    const head = { registrationNumber, checkedAt: new Date(now).toISOString() }
    const r = await this.store.requestByRegNo(registrationNumber)
    if (!r || !r.resultDocument || !r.resultSignature || !r.decidedAt) return { status: 'unknown', ...head }
    if (sha256Hex(r.resultDocument) !== sha256) return { status: 'tampered', ...head }
    // Checked now against the НУЦ's current CRLs: a key revoked since the decision makes the printout doubtful.
    const check = await this.verifier.verify({ content: r.resultDocument, cms: r.resultSignature, at: new Date(now), detached: true })
    const status = check.ok ? 'valid' : check.code === 'GW_CERT_REVOKED' ? 'revoked' : 'tampered'
    const service = catalog.find(r.serviceId)
    let issuer = service?.provider.name.ru
    let holder: string | undefined
    if (r.resultMediaType === 'application/json' || r.resultMediaType === null) {
      try {
        const raw: unknown = JSON.parse(new TextDecoder().decode(r.resultDocument))
        if (isDecisionDocument(raw)) {
          const doc = parseDecisionBytes(r.resultDocument)
          issuer = doc.signer.unit?.ru ?? issuer ?? doc.signer.name
          holder = maskHolderName(doc.applicant.name)
        }
      } catch {
        // A legacy document without the applicant's name: answered without a holder.
      }
    }
    return {
      status,
      ...head,
      serviceId: r.serviceId,
      ...(service ? { serviceName: service.name } : {}),
      issuedAt: new Date(r.decidedAt).toISOString(),
      ...(issuer ? { issuer } : {}),
      ...(holder ? { holder } : {}),
    }
  }
}
