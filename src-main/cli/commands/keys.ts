/**
 * `arm keys <file.p12 | pkcs11-module.so> [--password-file F] [--json]`
 * A .p12: opens it (password from the file or the prompt) and prints the holder facts of each key.
 * A PKCS#11 module: lists tokens and the key/certificate pairs on them (no PIN needed).
 */
import { openPkcs12 } from '../../services/crypto/pkcs12'
import { Pkcs11Keystore } from '../../services/crypto/pkcs11'
import type { CertificateFacts } from '../../../src-shared/crypto'
import { parseCommand, readInput, secretFrom, type CliIo, type CommandSpec } from '../io'

export function describeFacts(f: CertificateFacts): string {
  const lines = [
    `  ФИО:          ${f.fullName}`,
    f.iin ? `  ИИН:          ${f.iin}${f.iinValid ? '' : '  (check digit FAILS: test certificate?)'}` : '',
    f.bin ? `  БИН:          ${f.bin}${f.binValid ? '' : '  (check digit FAILS)'}` : '',
    f.organization ? `  Organisation: ${f.organization}` : '',
    `  Purpose:      ${f.purposes.join(', ') || '—'}   roles: ${f.ncaRoles.join(', ') || '—'}`,
    `  Algorithm:    ${f.keyAlgorithm}`,
    `  Issuer:       ${f.issuer.text}`,
    `  Serial:       ${f.serialNumber}`,
    `  Valid:        ${f.notBefore} → ${f.notAfter}`,
    `  Key usage:    ${f.keyUsage.join(', ')}   EKU: ${f.extendedKeyUsage.join(', ')}`,
  ]
  return lines.filter(Boolean).join('\n') + '\n'
}

export const KEYS_SPEC: CommandSpec = {
  usage: 'Usage: arm keys <file.p12 | pkcs11-module.so> [--password-file FILE] [--json]\n',
  options: { 'password-file': { type: 'string' }, json: { type: 'boolean' } },
  positionals: [1, 1],
}

export async function keysCommand(args: string[], io: CliIo, spec: CommandSpec = KEYS_SPEC): Promise<number> {
  const a = parseCommand(args, spec)
  const target = a.positional[0]
  if (/\.(so|dll|dylib)(\.\d+)*$/i.test(target)) {
    const ks = new Pkcs11Keystore(target)
    const tokens = await ks.listTokens()
    const keys = await ks.listKeys()
    if (a.has('json')) io.stdout(JSON.stringify({ tokens, keys: keys.map(({ certificate: _c, ...k }) => k) }, null, 2) + '\n')
    else {
      for (const t of tokens) {
        io.stdout(`token "${t.label}" serial ${t.serial} (${t.manufacturer} ${t.model}), PIN ${t.pinState}\n`)
        for (const k of keys.filter((x) => x.tokenSerial === t.serial)) io.stdout(` key id ${k.keyId} "${k.label}" ${k.algorithm}\n${describeFacts(k.facts)}`)
      }
    }
    return 0
  }
  const bytes = readInput(target)
  const password = await secretFrom(a.get('password-file'), io, `Password of ${target}: `)
  const entries = openPkcs12(bytes, password)
  if (a.has('json')) io.stdout(JSON.stringify(entries.map((e) => ({ id: e.id, friendlyName: e.friendlyName, algorithm: e.algorithm, facts: e.facts })), null, 2) + '\n')
  else for (const e of entries) io.stdout(`key ${e.friendlyName ?? e.id} (${e.algorithm})\n${describeFacts(e.facts)}`)
  return 0
}
