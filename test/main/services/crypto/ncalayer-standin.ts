/**
 * A stand-in for NCALayer: a real WebSocket server over TLS on the loopback that speaks NCALayer's protocol — the
 * greeting on open, "--heartbeat--" echoed, module `kz.gov.pki.knca.basics` method `sign` with its named args — and
 * signs with a real key through our own CMS code, so that what it answers verifies.
 * Run: tsx test/main/services/crypto/ncalayer-standin.ts  (env STANDIN_P12, STANDIN_PASSWORD, STANDIN_TLS_CERT, STANDIN_TLS_KEY);
 * it prints "PORT <n>" once listening. Lines on stdin switch what the "user" does next:
 *   sign | cancel | garbage | other-data | failure | ignore-filters
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:https'
import { createInterface } from 'node:readline'
import { WebSocketServer } from 'ws'
import { fromBase64, signCades, toBase64 } from '../../../../src-shared/crypto'
import { nodeCryptoPort } from '../../../../src-main/services/crypto/node-port'
import { openPkcs12 } from '../../../../src-main/services/crypto/pkcs12'
import { keySigner } from '../../../../src-main/services/crypto/signer'

const entry = openPkcs12(new Uint8Array(readFileSync(process.env.STANDIN_P12!)), process.env.STANDIN_PASSWORD!)[0]
let mode = 'sign'
createInterface({ input: process.stdin }).on('line', (l) => {
  mode = l.trim()
  process.stdout.write(`MODE ${mode}\n`)
})
process.stdin.on('end', () => process.exit(0))

const server = createServer({ cert: readFileSync(process.env.STANDIN_TLS_CERT!), key: readFileSync(process.env.STANDIN_TLS_KEY!) })
const wss = new WebSocketServer({ server })

interface BasicsSignArgs {
  format?: string
  data?: unknown
  signingParams?: { decode?: boolean | string; encapsulate?: boolean | string; digested?: boolean | string }
  signerParams?: { iin?: string; extKeyUsageOids?: string[] }
}

const truthy = (v: unknown) => v === true || v === 'true'

async function answer(request: { module?: string; method?: string; args?: BasicsSignArgs }): Promise<unknown> {
  if (request.module !== 'kz.gov.pki.knca.basics') return { success: false, errorCode: 'MODULE_NOT_FOUND' }
  if (request.method !== 'sign') return { status: false, code: 'INVOCATION_ERROR', message: `no method ${request.method}` }
  const args = request.args ?? {}
  if (args.format !== 'cms' || typeof args.data !== 'string' || !truthy(args.signingParams?.decode) || truthy(args.signingParams?.digested)) {
    return { status: false, code: 'INVALID_SIGNING_PARAMS', message: 'invalid signing params' }
  }
  // The window where the user picks a key shows only keys of the requested ИИН: none here means only Cancel is left.
  const iin = args.signerParams?.iin
  if (mode !== 'ignore-filters' && iin && entry.facts.iin !== iin) return { status: true, body: {} }
  if (mode === 'cancel') return { status: true, body: {} }
  if (mode === 'failure') return { status: false, code: 'SIGNING_FAILURE', message: 'key storage error' }
  if (mode === 'garbage') return { status: true, body: { result: ['MIIBAAAAnotacms=='] } }
  const content = mode === 'other-data' ? new TextEncoder().encode('something else entirely') : fromBase64(args.data)
  const cms = await signCades({ port: nodeCryptoPort, content, signer: keySigner(entry), detached: !truthy(args.signingParams?.encapsulate) })
  return { status: true, body: { result: [toBase64(cms)] } }
}

wss.on('connection', (ws) => {
  ws.send(JSON.stringify({ result: { version: '1.4' } }))
  ws.on('message', (raw) => {
    const text = raw.toString()
    if (text === '--heartbeat--') return void ws.send(text)
    let request
    try {
      request = JSON.parse(text)
    } catch {
      return void ws.send(JSON.stringify({ status: false, code: 'GENERAL_ERROR', message: 'bad json' }))
    }
    void answer(request).then((a) => ws.send(JSON.stringify(a)))
  })
})

server.listen(0, '127.0.0.1', () => {
  const addr = server.address()
  process.stdout.write(`PORT ${typeof addr === 'object' && addr ? addr.port : 0}\n`)
})
