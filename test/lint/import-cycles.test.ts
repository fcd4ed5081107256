/**
 * No import cycles in the product's sources (type-only imports count: a cycle of types is still two modules that
 * cannot be understood apart). Static `import`/`export … from` edges between src-shared, src-renderer, src-main and
 * src-gateway files, relative paths and the `@shared` alias, strongly connected components by Tarjan.
 * KNOWN lists cycles being cut (none today); each entry must still exist (delete it when the
 * cycle is cut), and no other cycle may appear.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')
const FOLDERS = ['src-shared', 'src-renderer', 'src-main', 'src-gateway']

/** Cycles left to the areas that own their files (sorted member lists). */
const KNOWN: string[][] = []

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...sources(p))
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p)
  }
  return out
}

function resolveImport(from: string, spec: string): string | undefined {
  let base: string
  if (spec.startsWith('@shared/') || spec === '@shared') base = join(ROOT, 'src-shared', spec.slice('@shared'.length))
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec)
  else return undefined
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) if (existsSync(c) && statSync(c).isFile()) return c
  return undefined
}

function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>()
  const files = FOLDERS.filter((f) => existsSync(join(ROOT, f))).flatMap((f) => sources(join(ROOT, f)))
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const deps = new Set<string>()
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
      const target = resolveImport(file, m[1] ?? m[2])
      if (target) deps.add(relative(ROOT, target))
    }
    g.set(relative(ROOT, file), [...deps])
  }
  return g
}

/** Strongly connected components with more than one member, or a file importing itself. */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const on = new Set<string>()
  const out: string[][] = []
  const visit = (v: string) => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop()!
        on.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.sort())
    }
  }
  for (const v of g.keys()) if (!idx.has(v)) visit(v)
  return out.sort((a, b) => a[0].localeCompare(b[0]))
}

describe('import cycles', () => {
  const found = cycles(graph())
  const key = (c: string[]) => c.join(' ⇄ ')

  it('the finder sees a planted cycle (it can fail)', () => {
    const g = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]])
    expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts']])
  })

  it('none but the known ones, which still exist', () => {
    expect(found.map(key).filter((k) => !KNOWN.map(key).includes(k))).toEqual([])
    expect(KNOWN.map(key).filter((k) => !found.map(key).includes(k))).toEqual([])
  })

  it('the crypto cache and the trust store do not import each other', () => {
    expect(found.some((c) => c.includes('src-shared/crypto/cache.ts') && c.includes('src-shared/crypto/trust.ts'))).toBe(false)
  })
})
