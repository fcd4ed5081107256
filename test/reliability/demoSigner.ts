/**
 * Really signed envelopes for the reliability runs: the demo operator's SIGN key (resources/demo-pki/operator-sign.p12,
 * ИИН 830717350867), opened by the crypto area's PKCS#12 reader and signed as detached CAdES by src-shared/crypto.
 */
import { createHash, randomUUID, sign as nodeSign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { signCades, type CmsSigner } from '../../src-shared/crypto'
import { applicantOf, catalog, sampleFormValues } from '../../src-shared/catalog'
import { encodeEnvelope, type RequestEnvelope } from '../../src-shared/envelope'
import { openPkcs12 } from '../../src-main/services/crypto/pkcs12'

export const OPERATOR_IIN = '830717350867'
export const DEMO_PASSWORD = 'Qwerty12'
const ROOT = join(__dirname, '..', '..')

let signer: CmsSigner | undefined
export function demoSigner(): CmsSigner {
  if (signer) return signer
  const [entry] = openPkcs12(new Uint8Array(readFileSync(join(ROOT, 'resources/demo-pki/operator-sign.p12'))), DEMO_PASSWORD)
  if (entry.privateKey.kind !== 'node') throw new Error('expected an RSA/EC key')
  const key = entry.privateKey.key
  signer = {
    certificate: entry.certificate,
    chain: entry.chain,
    algorithm: entry.algorithm,
    sign: async (tbs) => new Uint8Array(nodeSign('sha256', tbs, key)),
  }
  return signer
}

export interface SignedRequestFixture {
  request: { id: string; serviceId: string; envelope: Uint8Array; signature: string; envelopeId: string; documentHashes: string[]; applicantMasked: string }
  documents: { sha256: string; mediaType: 'application/pdf'; size: number; bytes: Uint8Array }[]
}

/** A request as intake hands it to the outbox: canonical envelope, detached CMS, scans with their hashes. */
export async function signedRequest(opts: { tsonId: string; serviceId?: string; docSize?: number; docs?: number; seed?: number }): Promise<SignedRequestFixture> {
  const serviceId = opts.serviceId ?? 'akimat.preschool-queue'
  const svc = catalog.find(serviceId)
  // The catalogue's own valid sample form, with the demo operator as the applicant (the gateway validates the form).
  const form = svc ? sampleFormValues(svc, { channel: 'tson', overrides: { applicantIin: OPERATOR_IIN } }) : { applicantIin: OPERATOR_IIN }
  const applicant = (svc && applicantOf(svc, form)) || { kind: 'person' as const, iin: OPERATOR_IIN }
  // A pattern-B request carries a scan of each document its service requires (the gateway refuses it otherwise).
  const required = svc?.pattern === 'B' ? catalog.documentChecklist(serviceId, form).filter((d) => d.scanNeeded).map((d) => d.id) : []
  const docs = opts.docs ?? Math.max(1, required.length)
  const size = opts.docSize ?? 2048
  const documents = Array.from({ length: docs }, (_, i) => {
    const bytes = new Uint8Array(size)
    // Distinct content per document (a random prefix), so no two requests share an attachment by accident.
    const prefix = Buffer.from(`%PDF-1.7\n% ${randomUUID()} ${i}\n`)
    bytes.set(prefix.subarray(0, Math.min(prefix.length, size)))
    for (let j = prefix.length; j < size; j++) bytes[j] = (j * 131 + i) & 0xff
    return { docType: required[i] ?? 'identity-document', sha256: createHash('sha256').update(bytes).digest('hex'), mediaType: 'application/pdf' as const, size, bytes }
  })
  const env: RequestEnvelope = {
    v: 1,
    envelopeId: randomUUID(),
    serviceId,
    channel: 'tson',
    tsonId: opts.tsonId,
    operator: { iin: OPERATOR_IIN },
    applicant,
    form,
    attachments: documents.map((d) => ({ docType: d.docType, sha256: d.sha256, size: d.size, mediaType: d.mediaType, pages: 1 })),
    createdAt: new Date().toISOString(),
    version: 1,
  }
  const envelope = encodeEnvelope(env)
  const cms = await signCades({ content: envelope, signer: demoSigner() })
  return {
    request: {
      id: randomUUID(),
      serviceId: env.serviceId,
      envelope,
      signature: Buffer.from(cms).toString('base64'),
      envelopeId: env.envelopeId,
      documentHashes: documents.map((d) => d.sha256),
      applicantMasked: '8307•••••867',
    },
    documents,
  }
}
