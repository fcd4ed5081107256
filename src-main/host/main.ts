import path from 'node:path'
import { DEFAULT_GATEWAY_URL } from '../services/app/csp'
import { DEV_HTTP_MARK, probeGateway, resolveGatewayTls } from '../services/app/gateway-tls'
import { createRegistry } from '../services/handlers'
import { createCryptoServices } from '../services/crypto/setup'
import { DeskLog } from '../services/log/desk-log'
import { startSecretPromptServer } from './pin-dialog/server'
import { startBrowserHost } from './server'

/**
 * Entry of the browser workstation: `tsx src-main/host/main.ts [--port N] [--host 127.0.0.1|::1]`.
 * Environment: ARM_HOST_PORT, ARM_HOST, ARM_RENDERER_DIR (default out/renderer), ARM_GATEWAY_URL, ARM_GATEWAY_CA (PEM of
 * the region CA, required for an https gateway), ARM_GATEWAY_DEV_HTTP=1 (plain http to a non-loopback gateway, marked),
 * ARM_FRAME_ORIGINS (comma-separated origins allowed in frame-src, e.g. the PIN dialog's loopback origin).
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  // The desk's log file next to its data (ARM_DATA_DIR; the browser keeps the desk's database in its own profile).
  const dataDir = path.resolve(process.env.ARM_DATA_DIR ?? '.tmp/desk-data')
  const log = new DeskLog(path.join(dataDir, 'logs'))
  log.info('browser host starting', { gatewayUrl: process.env.ARM_GATEWAY_URL ?? DEFAULT_GATEWAY_URL })
  const gatewayUrl = process.env.ARM_GATEWAY_URL ?? DEFAULT_GATEWAY_URL
  // https with the region CA pinned (ARM_GATEWAY_CA), or plain http in the marked development mode; else GATEWAY_INSECURE.
  const gatewayTls = resolveGatewayTls({ url: gatewayUrl, caFile: process.env.ARM_GATEWAY_CA, isPackaged: false, env: process.env })
  if (gatewayTls.devHttp) console.log(`АРМ: ${DEV_HTTP_MARK} (${gatewayUrl})`)
  // The pinned check at start: a gateway whose certificate is not the region's is reported at once (the page's own
  // connections go through the browser, which must trust the same CA).
  else probeGateway(gatewayTls).catch((err: { code?: string; message?: string }) => console.warn(`АРМ: gateway check [${err.code}]: ${err.message}`))
  // Crypto area: the password/PIN prompt lives on its own loopback origin, framed by the renderer (see pin-dialog/).
  const secretPrompt = await startSecretPromptServer({ hostOrigins: [] })
  const crypto = createCryptoServices({ resourcesDir: path.resolve('resources'), prompt: secretPrompt.prompt, pendingPrompt: secretPrompt.pending, cancelPrompt: secretPrompt.cancel, tokenSettingsFile: path.join(dataDir, 'token-modules.json') })
  const host = await startBrowserHost({
    host: arg('host') ?? process.env.ARM_HOST ?? '127.0.0.1',
    port: Number(arg('port') ?? process.env.ARM_HOST_PORT ?? 5180),
    rendererDir: path.resolve(arg('renderer') ?? process.env.ARM_RENDERER_DIR ?? 'out/renderer'),
    registry: createRegistry({ runtime: 'browser-host', clock: { now: () => new Date() }, gatewayUrl, crypto, log }),
    csp: { gatewayUrl, frameOrigins: [secretPrompt.origin, ...(process.env.ARM_FRAME_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean)] },
  })
  secretPrompt.allowFrameAncestor(host.origin)
  // The one-time launch URL (it sets the HttpOnly session cookie, then is dead): open it in Chromium. The request token
  // is never printed; the page gets it only with that cookie.
  console.log(`АРМ browser workstation: ${host.url}`)
  const stop = () => void Promise.all([host.close(), secretPrompt.close()]).then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code
  console.error(`АРМ host failed to start${code ? ` [${code}]` : ''}: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
