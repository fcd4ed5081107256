/**
 * `npm run gateway`: the simulated regional gateway (РШЭП/ШЭП, registries, НУЦ) on GATEWAY_PORT with the SQLite file
 * GATEWAY_DB; a JSON config file via GATEWAY_CONFIG or --config. Demo accounts are seeded (src-gateway/seed/accounts.ts).
 * The JSON log is appended to gateway.log beside the database; --verbose prints it here instead (log-destination.ts).
 */
import { readFileSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from './config'
import { createGateway } from './create'
import { logTarget } from './log-destination'

async function main(): Promise<void> {
  const cfg = loadConfig()
  const log = logTarget(cfg.db)
  const gw = createGateway(cfg, { logDestination: log.destination })
  const close = async () => {
    await gw.app.close()
    process.exit(0)
  }
  process.on('SIGINT', close)
  process.on('SIGTERM', close)
  // GATEWAY_TLS_CERT / GATEWAY_TLS_KEY (PEM files): serve https, as a region does; the desk pins the region's CA.
  const tls = process.env.GATEWAY_TLS_CERT && process.env.GATEWAY_TLS_KEY ? { cert: readFileSync(process.env.GATEWAY_TLS_CERT), key: readFileSync(process.env.GATEWAY_TLS_KEY) } : null
  const address = tls ? await listenHttps(gw.app, tls, cfg.port, cfg.host) : await gw.app.listen({ port: cfg.port, host: cfg.host })
  gw.app.log.info(`gateway listening on ${address} (db ${cfg.db.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')}, testTrust ${cfg.testTrust})`)
  // One machine-readable line for scripts and tests that start the gateway on port 0.
  process.stdout.write(`GATEWAY_LISTENING ${address}\n`)
  if (log.file && cfg.logLevel !== 'silent') process.stdout.write(`gateway log: ${log.file} (--verbose prints it here)\n`)
}

/** The same Fastify app behind node's https server (its whole request lifecycle runs in app.routing). */
async function listenHttps(app: FastifyInstance, tls: { cert: Buffer; key: Buffer }, port: number, host: string): Promise<string> {
  const server = https.createServer(tls, (req, res) => app.routing(req, res))
  // Hooks must be added before ready(): the https server closes with the app (SSE streams included).
  app.addHook('onClose', async () => {
    server.closeAllConnections()
    await new Promise<void>((r) => server.close(() => r()))
  })
  await app.ready()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const a = server.address() as AddressInfo
  return `https://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`
}

main().catch((err) => {
  process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
