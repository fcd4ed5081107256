/**
 * `arm verify --in FILE.p7s [--content FILE] [--ca FILE]… [--crl FILE]… [--test-trust] [--expected-iin IIN] [--json] [--out FILE]`
 * Prints the report per signature; exit 0 only when every signature is PASSED (1 otherwise).
 * Trust: the demo PKI in resources/ (+ NCA test CA with --test-trust) plus any --ca files as production anchors.
 */
import { writeFileSync } from 'node:fs'
import { createTrustStore, splitPemBundle, verifyCms, type VerificationReport } from '../../../src-shared/crypto'
import { createCryptoServices } from '../../services/crypto/setup'
import { iinOption, parseCommand, readInput, required, type CliIo, type CommandSpec } from '../io'

function describe(report: VerificationReport): string {
  const lines = [`${report.indication}${report.subIndication ? ` / ${report.subIndication}` : ''}${report.testTrust ? '   [TEST TRUST]' : ''}  (${report.detached ? 'detached' : 'attached'})`]
  for (const s of report.signatures) {
    lines.push(`signature #${s.index + 1}: ${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ''}${s.errorCode ? ` (${s.errorCode})` : ''}`)
    if (s.signer) lines.push(`  signer:  ${s.signer.fullName}${s.signer.iin ? `, ИИН ${s.signer.iin}` : ''}${s.signer.bin ? `, БИН ${s.signer.bin}` : ''}`)
    if (s.signingTime) lines.push(`  time:    ${s.signingTime}`)
    lines.push(`  algo:    ${s.signatureAlgorithm}`)
    const c = s.checks
    lines.push(`  checks:  value=${c.signatureValue} digest=${c.messageDigest} signing-cert=${c.signingCertificate} chain=${c.certificate?.chain.status ?? '—'} revocation=${c.certificate?.revocation.status ?? '—'}`)
  }
  return lines.join('\n') + '\n'
}

export const VERIFY_SPEC: CommandSpec = {
  usage: 'Usage: arm verify --in FILE.p7s [--content FILE] [--ca FILE]… [--crl FILE]… [--test-trust] [--expected-iin IIN] [--json] [--out FILE]   (exit 0 only if PASSED)\n',
  options: {
    in: { type: 'string' },
    content: { type: 'string' },
    ca: { type: 'string', multiple: true },
    crl: { type: 'string', multiple: true },
    'test-trust': { type: 'boolean' },
    'expected-iin': { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
  },
}

export async function verifyCommand(args: string[], io: CliIo, resourcesDir: string): Promise<number> {
  const a = parseCommand(args, VERIFY_SPEC)
  const input = required(a, 'in', VERIFY_SPEC)
  const expectedIin = iinOption(a)
  const services = createCryptoServices({ resourcesDir, testTrust: a.has('test-trust') })
  const extra = a.all('ca').flatMap((f) => splitPemBundle(readInput(f)))
  const trust = extra.length
    ? createTrustStore({ production: [...services.trust.production.map((c) => c.der), ...extra], test: services.trust.test.map((c) => c.der), intermediates: services.trust.intermediates.map((c) => c.der) })
    : services.trust
  const report = await verifyCms({
    cms: readInput(input),
    content: a.get('content') ? readInput(a.get('content')!) : undefined,
    trust,
    crls: [...(await services.crls()), ...a.all('crl').map(readInput)],
    testTrust: services.testTrust,
    expectedIin,
  })
  if (a.get('out') && report.content) writeFileSync(a.get('out')!, report.content)
  if (a.has('json')) io.stdout(JSON.stringify({ ...report, content: undefined }, null, 2) + '\n')
  else io.stdout(describe(report))
  return report.indication === 'PASSED' ? 0 : 1
}
