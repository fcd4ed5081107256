/**
 * test/ mirrors the source folders: a unit or integration test sits in test/<root>/<folder>/ where
 * src-<root>/<folder>/ holds the code it tests (test/gateway/store/… for src-gateway/store/…). The suites across the
 * product keep their own folders (test/e2e, test/reliability, test/lint, test/build, test/support, test/fixtures).
 * scripts/mirror-tests.mjs moves what does not follow the rule (`--check` is what this test runs);
 * the samples below prove the rule can fail.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EXEMPT, inMirrorPlace, isExempt, MIRROR_ROOTS } from '../../scripts/mirror-tests.mjs'

const ROOT = path.resolve(__dirname, '../..')
const dirExists = (rel: string): boolean => existsSync(path.join(ROOT, rel)) && statSync(path.join(ROOT, rel)).isDirectory()

function testFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`
    if (entry.isDirectory()) out.push(...testFiles(rel))
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(rel)
  }
  return out
}

/** Tests outside the exempt folders that sit in no mirror folder. */
function misplaced(paths: string[], exists = dirExists): string[] {
  return paths.filter((p) => !isExempt(p) && !inMirrorPlace(p, exists))
}

describe('test/ mirrors the source folders', () => {
  it('every unit and integration test sits in the folder of the source it tests', () => {
    const all = testFiles('test')
    expect(all.length).toBeGreaterThan(100)
    expect(misplaced(all)).toEqual([])
  })

  it('every mirror root and exempt folder named by the rule exists', () => {
    for (const src of Object.values(MIRROR_ROOTS)) expect(dirExists(src), src).toBe(true)
    for (const key of Object.keys(MIRROR_ROOTS)) expect(EXEMPT).not.toContain(key)
  })

  it('scripts/mirror-tests.mjs finds nothing to move and no import to mend', () => {
    // exits 1 and prints the plan when a test sits at a mirror root but tests a deeper folder, or an import still
    // names a helper's old place
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/mirror-tests.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' })
    expect(out).toMatch(/nothing to move/)
  }, 60_000)
})

describe('the layout check fires on violating samples', () => {
  const violations: [string, string][] = [
    ['a test left in an old area folder', 'test/inbox/sample.test.tsx'],
    ['a test in a folder the source does not have', 'test/gateway/pki-nowhere/crl.test.ts'],
    ['a test under a root that is not mirrored', 'test/crypto/sample.test.ts'],
    ['a tsx test in a renderer folder that does not exist', 'test/renderer/features/nowhere/ui.test.tsx'],
    ['a test directly in test/', 'test/stray.test.ts'],
  ]
  it.each(violations)('%s (%s)', (_name, sample) => {
    expect(misplaced([sample])).toEqual([sample])
  })

  const allowed: [string, string][] = [
    ['a test in a mirrored folder', 'test/gateway/store/sample.test.ts'],
    ['a test at a mirror root', 'test/shared/sample.test.ts'],
    ['a renderer feature test', 'test/renderer/features/inbox/term/sample.test.tsx'],
    ['an exempt suite', 'test/reliability/sample.test.ts'],
  ]
  it.each(allowed)('%s (%s)', (_name, sample) => {
    expect(misplaced([sample])).toEqual([])
  })
})
