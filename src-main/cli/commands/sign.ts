/**
 * `arm sign --key FILE.p12 --in FILE --out FILE.p7s [--attached] [--purpose SIGN|AUTH] [--password-file F]
 *            [--expected-iin IIN] [--test-trust] [--no-check]`
 * `--key pkcs11:<module.so>#<token serial>#<key id hex>` signs on a token (PIN from --pin-file or the prompt).
 * The certificate checks (validity, purpose, chain, CRL, ИИН) run first; a refused key writes no file.
 */
import { nodeCryptoPort } from '../../services/crypto/node-port'
import { writeFileSync } from 'node:fs'
import { ArmError } from '../../../src-shared/errors'
import { checkCertificate, decodeCertificate, parseCrl, signCades, type CmsSigner, type KeyPurpose } from '../../../src-shared/crypto'
import { openPkcs12 } from '../../services/crypto/pkcs12'
import { Pkcs11Keystore } from '../../services/crypto/pkcs11'
import { createCryptoServices } from '../../services/crypto/setup'
import { keySigner } from '../../services/crypto/signer'
import { iinOption, parseCommand, readInput, required, secretFrom, type CliIo, type CommandSpec } from '../io'

export const SIGN_SPEC: CommandSpec = {
  usage: 'Usage: arm sign --key FILE.p12|pkcs11:MODULE#SERIAL#KEYID --in FILE --out FILE.p7s [--attached] [--purpose SIGN|AUTH] [--password-file F|--pin-file F] [--expected-iin IIN] [--test-trust] [--no-check]\n',
  options: {
    key: { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
    attached: { type: 'boolean' },
    purpose: { type: 'string' },
    'password-file': { type: 'string' },
    'pin-file': { type: 'string' },
    'expected-iin': { type: 'string' },
    'test-trust': { type: 'boolean' },
    'no-check': { type: 'boolean' },
  },
}

export async function signCommand(args: string[], io: CliIo, resourcesDir: string): Promise<number> {
  const a = parseCommand(args, SIGN_SPEC)
  const key = required(a, 'key', SIGN_SPEC)
  const input = required(a, 'in', SIGN_SPEC)
  const out = required(a, 'out', SIGN_SPEC)
  const expectedIin = iinOption(a)
  const purpose = (a.get('purpose') ?? 'SIGN').toUpperCase()
  if (purpose !== 'SIGN' && purpose !== 'AUTH') throw new ArmError('ARGUMENT_INVALID', '--purpose must be SIGN or AUTH')
  const content = readInput(input)

  let signer: CmsSigner
  let chain: Uint8Array[] = []
  let cleanup = async () => {}
  if (key.startsWith('pkcs11:')) {
    const [module, serial, keyId] = key.slice(7).split('#')
    if (!module || !serial || !keyId) throw new ArmError('ARGUMENT_INVALID', '--key pkcs11:<module>#<token serial>#<key id>')
    const ks = new Pkcs11Keystore(module)
    const tk = (await ks.listKeys()).find((k) => k.tokenSerial === serial && k.keyId === keyId.toLowerCase())
    if (!tk) throw new ArmError('KEY_NOT_FOUND')
    await ks.unlock(serial, await secretFrom(a.get('pin-file'), io, `PIN of token ${tk.tokenLabel}: `))
    signer = ks.signer(tk)
    cleanup = () => ks.lockAll()
  } else {
    const [entry] = openPkcs12(readInput(key), await secretFrom(a.get('password-file'), io, `Password of ${key}: `))
    signer = keySigner(entry)
    chain = entry.chain
  }
  try {
    if (!a.has('no-check')) {
      const services = createCryptoServices({ resourcesDir, testTrust: a.has('test-trust') })
      const crls = (await services.crls()).map((c) => parseCrl(c))
      const check = await checkCertificate(decodeCertificate(signer.certificate), {
        trust: services.trust,
        carried: chain.map((c) => decodeCertificate(c)),
        crls,
        purpose: purpose as KeyPurpose,
        expectedIin,
        testTrust: services.testTrust,
      })
      if (!check.ok) throw new ArmError(check.errorCode ?? 'CERT_UNTRUSTED', check.subIndication)
      if (check.testTrust) io.stderr('warning: TEST trust (NCA test CA or test ИИН/БИН) — not valid in production\n')
    }
    const cms = await signCades({ port: nodeCryptoPort, content, signer, detached: !a.has('attached') })
    writeFileSync(out, cms)
    io.stdout(`signed ${input} → ${out} (${a.has('attached') ? 'attached' : 'detached'}, ${signer.algorithm}, ${cms.length} bytes)\n`)
    return 0
  } finally {
    await cleanup()
  }
}

