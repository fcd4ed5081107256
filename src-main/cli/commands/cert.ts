/** `arm cert FILE [--password-file F] [--json]` — facts of a certificate (DER/PEM) or of the keys in a .p12. */
import { parseCertificate } from '../../../src-shared/crypto'
import { ArmError } from '../../../src-shared/errors'
import { keysCommand, describeFacts } from './keys'
import { parseArgs, readInput, type CliIo } from '../io'

export async function certCommand(args: string[], io: CliIo): Promise<number> {
  const a = parseArgs(args, ['json'])
  const file = a.positional[0]
  if (!file) {
    io.stderr('Usage: arm cert FILE(.cer|.crt|.pem|.p12) [--password-file F] [--json]\n')
    return 2
  }
  if (/\.(p12|pfx)$/i.test(file)) return keysCommand(args, io)
  const bytes = readInput(file)
  const facts = parseCertificate(bytes)
  if (!facts) throw new ArmError('CERT_CORRUPT')
  io.stdout(a.has('json') ? JSON.stringify(facts, null, 2) + '\n' : describeFacts(facts))
  return 0
}
