/**
 * `npm run bench`: runs every bench part (bench/parts/*.ts, each exporting `run(): Promise<BenchPart>`) and writes
 * bench/results.json. Each part measures its subject AND a baseline in the same run and reports ratios, so the figures
 * mean the same on any machine. `npm run bench -- crypto gateway` runs only the named parts and MERGES their figures into
 * the existing results.json (the other parts keep theirs, each with the time it was measured at).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BenchPart } from './types'

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const dir = join(__dirname, 'parts')
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()
  const results: Record<string, BenchPart & { at?: string }> = {}
  for (const file of files) {
    const name = file.replace(/\.ts$/, '')
    if (only.length && !only.includes(name)) continue
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run: () => Promise<BenchPart> }
    process.stdout.write(`bench ${name}…\n`)
    const part = await mod.run()
    results[name] = { ...part, at: new Date().toISOString() }
    for (const [metric, m] of Object.entries(part.metrics)) {
      const target = m.target ? `  target ${m.target}${m.met === undefined ? '' : m.met ? ' ✓' : ' ✗'}` : ''
      process.stdout.write(`  ${metric}: ${m.value} ${m.unit}${target}\n`)
    }
  }
  const out = join(__dirname, 'results.json')
  // A subset run must not wipe the figures of the parts it did not run: start from what is on disk.
  const merged = { ...previousResults(out), ...results }
  const ordered = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]))
  writeFileSync(out, JSON.stringify({ machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, at: new Date().toISOString(), results: ordered }, null, 2) + '\n')
  process.stdout.write(`written ${out}\n`)
}

function previousResults(file: string): Record<string, BenchPart & { at?: string }> {
  if (!existsSync(file)) return {}
  try {
    const prior = JSON.parse(readFileSync(file, 'utf8')) as { at?: string; results?: Record<string, BenchPart & { at?: string }> }
    // Parts written before per-part times existed inherit the file's time.
    return Object.fromEntries(Object.entries(prior.results ?? {}).map(([k, v]) => [k, { ...v, at: v.at ?? prior.at }]))
  } catch {
    return {} // an unreadable file is replaced, not merged
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
