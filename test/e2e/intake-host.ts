/**
 * The browser host for the intake e2e, with main's secret prompt answered the way an operator answers Electron's
 * modal: the prompt (a main-side SecretPrompt) announces itself on stdout (`SECRET_PROMPT <kind> <key label>`) and
 * reads the password from stdin, where the e2e runner types it. The renderer never sees it, exactly as in the app.
 * Everything else is src-main/host as `npm start` runs it. The intake e2e now runs the REAL host and types the password
 * into main's framed form (src-renderer/features/secret-prompt); this copy stays only while test/e2e/inbox.ts starts it.
 */
import path from 'node:path'
import { createInterface } from 'node:readline'
import { createCryptoServices } from '../../src-main/services/crypto/setup'
import type { SecretPrompt } from '../../src-main/services/crypto/secret-prompt'
import { createRegistry } from '../../src-main/services/handlers'
import { startBrowserHost } from '../../src-main/host/server'

const lines = createInterface({ input: process.stdin })
const waiting: Array<(line: string) => void> = []
lines.on('line', (l) => waiting.shift()?.(l))

const stdinPrompt: SecretPrompt = {
  ask: (req) =>
    new Promise((resolve) => {
      waiting.push((line) => resolve(line === '' ? null : line))
      process.stdout.write(`SECRET_PROMPT ${req.kind} ${req.keyLabel} attempt=${req.attempt}\n`)
    }),
}

async function main(): Promise<void> {
  const gatewayUrl = process.env.ARM_GATEWAY_URL ?? 'http://127.0.0.1:8080'
  const crypto = createCryptoServices({ resourcesDir: path.resolve('resources'), prompt: stdinPrompt })
  const host = await startBrowserHost({
    host: '127.0.0.1',
    port: 0,
    rendererDir: path.resolve(process.env.ARM_RENDERER_DIR ?? 'out/renderer'),
    registry: createRegistry({ runtime: 'browser-host', clock: { now: () => new Date() }, gatewayUrl, crypto }),
    csp: { gatewayUrl, frameOrigins: [] },
  })
  console.log(`АРМ browser workstation: ${host.url}`)
  process.on('SIGTERM', () => void host.close().then(() => process.exit(0)))
}

void main()
