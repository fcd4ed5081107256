/**
 * `npm run bench`: runs every bench part (bench/parts/*.ts, each exporting `run(): Promise<BenchPart>`) and writes
 * bench/results.json. Each part measures its subject AND a baseline in the same run and reports ratios, so the figures
 * mean the same on any machine. `npm run bench -- crypto gateway` runs only the named parts.
 */
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BenchPart } from './types'

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const dir = join(__dirname, 'parts')
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()
  const results: Record<string, BenchPart> = {}
  for (const file of files) {
    const name = file.replace(/\.ts$/, '')
    if (only.length && !only.includes(name)) continue
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => Promise<BenchPart> }
    process.stdout.write(`bench ${name}…\n`)
    const part = await mod.run()
    results[name] = part
    for (const [metric, m] of Object.entries(part.metrics)) {
      const target = m.target ? `  target ${m.target}${m.met === undefined ? '' : m.met ? ' ✓' : ' ✗'}` : ''
      process.stdout.write(`  ${metric}: ${m.value} ${m.unit}${target}\n`)
    }
  }
  const out = join(__dirname, 'results.json')
  writeFileSync(out, JSON.stringify({ machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, at: new Date().toISOString(), results }, null, 2))
  process.stdout.write(`written ${out}\n`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
