/**
 * `arm` — the command-line tool for administrators and batch work (bin/arm.cjs runs this file through tsx).
 *   arm keys <p12|pkcs11-module>     arm sign --key … --in FILE --out FILE.p7s [--attached]
 *   arm verify --in FILE.p7s [--content FILE]     arm cert FILE     arm catalog [--json]
 * Passwords and PINs come from --password-file/--pin-file or a no-echo prompt, never from an argument.
 */
import { join } from 'node:path'
import { ArmError } from '../../src-shared/errors'
import { AUDIT_VERIFY_SPEC, auditVerifyCommand } from './commands/audit-verify'
import { CATALOG_SPEC, catalogCommand } from './commands/catalog'
import { CERT_SPEC, certCommand } from './commands/cert'
import { KEYS_SPEC, keysCommand } from './commands/keys'
import { PRINT_USAGE, printCommand } from './commands/print'
import { SCAN_SPEC, scanCommand } from './commands/scan'
import { SIGN_SPEC, signCommand } from './commands/sign'
import { VERIFY_SPEC, verifyCommand } from './commands/verify'
import { VERIFY_PRINT_SPEC, verifyPrintCommand } from './commands/verify-print'
import { reportError, wantsHelp, type CliIo } from './io'

const HELP = `arm — АРМ command-line tool
  arm keys <file.p12 | pkcs11-module.so> [--password-file F] [--json]
  arm sign --key FILE.p12|pkcs11:MODULE#SERIAL#KEYID --in FILE --out FILE.p7s [--attached] [--purpose SIGN|AUTH]
           [--password-file F | --pin-file F] [--expected-iin IIN] [--test-trust] [--no-check]
  arm verify --in FILE.p7s [--content FILE] [--ca FILE]… [--crl FILE]… [--test-trust] [--json]   (exit 0 only if PASSED)
  arm verify-print FILE.pdf|IMAGE [--online URL] [--test-trust] [--json]   (the printout's signed barcode; exit 0 only if valid)
  arm cert FILE [--password-file F] [--json]
  arm catalog [--json]
  arm audit-verify FILE.jsonl [--request REQUEST_ID] [--json]   (an exported audit trail; exit 0 only if the chain holds)
  arm print --result FILE | --sample SERVICE_ID [--template ID | --refusal | --receipt | --acceptance] --out FILE.pdf [--lang kk|ru|en]
Secrets are read from a file or asked without echo; they are never accepted as arguments.
Environment: ARM_LANG=kk|ru|en (messages), ARM_RESOURCES (folder with demo-pki), ARM_NCA_TEST_PKI.
`

type Command = (args: string[], io: CliIo) => Promise<number>

export async function runArm(argv: string[], io: CliIo): Promise<number> {
  const resources = io.env?.ARM_RESOURCES ?? join(__dirname, '..', '..', 'resources')
  // Each subcommand with its usage: `arm <command> --help` prints it and exits 0 before anything runs.
  const commands: Record<string, { run: Command; usage: string }> = {
    keys: { run: (a, o) => keysCommand(a, o), usage: KEYS_SPEC.usage },
    sign: { run: (a, o) => signCommand(a, o, resources), usage: SIGN_SPEC.usage },
    verify: { run: (a, o) => verifyCommand(a, o, resources), usage: VERIFY_SPEC.usage },
    cert: { run: certCommand, usage: CERT_SPEC.usage },
    catalog: { run: catalogCommand, usage: CATALOG_SPEC.usage },
    // arm scan --list | --out FILE.pdf (scanner set-up for administrators)
    scan: { run: (a, o) => scanCommand(a, o), usage: SCAN_SPEC.usage },
    // arm print --result FILE | --sample SERVICE_ID (administrators reviewing result templates)
    print: { run: (a, o) => printCommand(a, o, resources), usage: PRINT_USAGE },
    // arm audit-verify FILE (anyone checking an audit trail exported from the gateway)
    'audit-verify': { run: auditVerifyCommand, usage: AUDIT_VERIFY_SPEC.usage },
    // arm verify-print FILE.pdf|IMAGE (is a printed result genuine? offline, and online with --online URL)
    'verify-print': { run: (a, o) => verifyPrintCommand(a, o, resources), usage: VERIFY_PRINT_SPEC.usage },
  }
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP)
    return name ? 0 : 2
  }
  const cmd = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined
  if (!cmd) return reportError(new ArmError('ARGUMENT_INVALID', `unknown command "${name}"`), io)
  if (wantsHelp(rest)) {
    io.stdout(cmd.usage)
    return 0
  }
  try {
    return await cmd.run(rest, io)
  } catch (err) {
    return reportError(err, io)
  }
}

/** Reads a secret without echo from a TTY, or one line from piped stdin. */
export function readSecretFromTerminal(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    process.stderr.write(prompt)
    let buf = ''
    const isTty = stdin.isTTY
    if (isTty) stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    const done = (err?: Error) => {
      if (isTty) stdin.setRawMode(false)
      stdin.pause()
      stdin.removeListener('data', onData)
      stdin.removeListener('end', onEnd)
      process.stderr.write('\n')
      if (err) reject(err)
      else resolve(buf)
    }
    const onEnd = () => done()
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\n' || ch === '\r') return done()
        if (ch === '\u0003') return done(new ArmError('SECRET_PROMPT_CANCELLED'))
        if (ch === '\u007f' || ch === '\b') buf = buf.slice(0, -1)
        else buf += ch
      }
    }
    stdin.on('data', onData)
    stdin.on('end', onEnd)
  })
}

if (require.main === module || process.env.ARM_CLI_MAIN === '1') {
  runArm(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readSecret: readSecretFromTerminal,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code
    },
    (err) => {
      console.error(err)
      process.exitCode = 3
    },
  )
}
