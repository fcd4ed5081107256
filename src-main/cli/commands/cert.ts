/** `arm cert FILE [--password-file F] [--json]` — facts of a certificate (DER/PEM) or of the keys in a .p12. */
import { parseCertificate } from '../../../src-shared/crypto'
import { ArmError } from '../../../src-shared/errors'
import { keysCommand, describeFacts } from './keys'
import { parseCommand, readInput, type CliIo, type CommandSpec } from '../io'

export const CERT_SPEC: CommandSpec = {
  usage: 'Usage: arm cert FILE(.cer|.crt|.pem|.p12) [--password-file F] [--json]\n',
  options: { 'password-file': { type: 'string' }, json: { type: 'boolean' } },
  positionals: [1, 1],
}

export async function certCommand(args: string[], io: CliIo): Promise<number> {
  const a = parseCommand(args, CERT_SPEC)
  const file = a.positional[0]
  if (/\.(p12|pfx)$/i.test(file)) return keysCommand(args, io, CERT_SPEC)
  const bytes = readInput(file)
  const facts = parseCertificate(bytes)
  if (!facts) throw new ArmError('CERT_CORRUPT')
  io.stdout(a.has('json') ? JSON.stringify(facts, null, 2) + '\n' : describeFacts(facts))
  return 0
}
