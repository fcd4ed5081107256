/**
 * `npm run gateway`: the simulated regional gateway (РШЭП/ШЭП, registries, НУЦ) on GATEWAY_PORT with the SQLite file
 * GATEWAY_DB; a JSON config file via GATEWAY_CONFIG or --config. Demo accounts are seeded (src-gateway/seed/accounts.ts).
 * The JSON log is appended to gateway.log beside the database; --verbose prints it here instead (log-destination.ts).
 */
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
  const address = await gw.app.listen({ port: cfg.port, host: cfg.host })
  gw.app.log.info(`gateway listening on ${address} (db ${cfg.db.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')}, testTrust ${cfg.testTrust})`)
  // One machine-readable line for scripts and tests that start the gateway on port 0.
  process.stdout.write(`GATEWAY_LISTENING ${address}\n`)
  if (log.file && cfg.logLevel !== 'silent') process.stdout.write(`gateway log: ${log.file} (--verbose prints it here)\n`)
}

main().catch((err) => {
  process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
