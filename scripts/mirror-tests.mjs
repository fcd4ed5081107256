#!/usr/bin/env node
// Puts every unit/integration test where the source it tests lives: a test of src-gateway/pki/crl.ts belongs in
// test/gateway/pki/, a test of src-renderer/features/inbox/… in test/renderer/features/inbox/ (README, "How the code
// is laid out"). test/lint/test-layout.test.ts holds the tree to that rule; this script moves what does not follow it.
//
//   node scripts/mirror-tests.mjs            the plan (dry run): what moves where and why, which imports change
//   node scripts/mirror-tests.mjs --apply    git mv + rewrite the relative imports, __dirname paths and mentions
//   node scripts/mirror-tests.mjs --check    exit 1 when anything would move or change (used by test/lint)
//
// Idempotent and safe to re-run after merging branches that still add tests in the old places: a test already in
// a mirror folder stays; one in an old folder (test/inbox, test/crypto…) or at a mirror root (test/gateway/x.test.ts)
// goes to the folder of the source module it mainly tests — the src module whose imported names it uses most —
// unless OVERRIDES says otherwise. Helpers follow their users: next to them when they sit in one folder (or one
// subtree), test/support when several folders use them. Imports that still name a file's old place (a branch
// written before the move) are mended from the renames git remembers.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SELF = 'scripts/mirror-tests.mjs'

/** test/<key>/… mirrors <value>/… */
export const MIRROR_ROOTS = { gateway: 'src-gateway', main: 'src-main', renderer: 'src-renderer', shared: 'src-shared', scripts: 'scripts' }
/** Folders of test/ that keep their own layout: suites across the product, fixtures, shared helpers, the build. */
export const EXEMPT = ['e2e', 'reliability', 'lint', 'fixtures', 'support', 'build']

/**
 * Decisions the import count cannot make, by the file's current place. The value is the new place (a test keeps
 * its name there unless the value names another). Reasons beside each.
 */
const OVERRIDES = {
  // the arm command, by what it is run for
  'test/crypto/cli.test.ts': 'test/main/cli/crypto-cli.test.ts',
  'test/scanner/cli.test.ts': 'test/main/cli/scanner-cli.test.ts',
  'test/shared/verify-print-cli.test.ts': 'test/main/cli/verify-print-cli.test.ts',
  // main's crypto channel handlers, not the shared CMS code they call
  'test/crypto/bridge.test.ts': 'test/main/services/crypto/',
  'test/crypto/fuzz.test.ts': 'test/shared/crypto/',
  'test/crypto/pin-dialog-host.test.ts': 'test/main/host/pin-dialog/',
  'test/bridge/csp-static.test.ts': 'test/main/services/app/',
  // the packaging: build/fuses.cjs and electron-builder.yml live beside the build, as test/build does
  'test/electron/fuses.test.ts': 'test/build/',
  'test/installer/electron-builder.test.ts': 'test/build/',
  // the gateway as a process (src-gateway/main.ts), black box
  'test/gateway/process.test.ts': 'test/gateway/',
  'test/gateway/term-extension.test.ts': 'test/gateway/intake/',
  // named like another folder than the one they test
  'test/outbox/counter.test.ts': 'test/renderer/sync/outbox-counter.test.ts',
  'test/outbox/ui.test.tsx': 'test/renderer/features/outbox/',
  'test/outbox/rows.test.tsx': 'test/renderer/features/outbox/',
  'test/outbox/intake-status.test.tsx': 'test/renderer/features/intake/ui/',
  'test/intake/intakeUi.test.tsx': 'test/renderer/features/intake/ui/',
  'test/renderer/texts.test.ts': 'test/renderer/i18n/',
  'test/inbox/inboxPages.test.tsx': 'test/renderer/gateway/',
  'test/inbox/attachmentPreview.test.tsx': 'test/renderer/features/inbox/',
  'test/supervision/queue-health.test.ts': 'test/renderer/sync/',
  // a merge's rename detection carried it beside queue-health; it reads the gateway store's supervision queries
  'test/renderer/sync/supervision-plans.test.ts': 'test/gateway/store/',
  'test/supervision/supervision-plans.test.ts': 'test/gateway/store/',
  // the admin routes over HTTP (src-gateway/audit/admin-service.ts), not the shared wire types they import
  'test/gateway/admin-certificates.test.ts': 'test/gateway/audit/',
  // the status line's slot for the diagnostics button
  'test/renderer/status-line-diagnostics.test.tsx': 'test/renderer/ui/',
}

/**
 * The old folders (before the mirror) and the source subtree their tests were about: a module there weighs more
 * than one elsewhere, so a gateway test that builds its requests with the shared catalogue stays a gateway test.
 */
const OLD_FOLDER_HINTS = {
  'test/gateway': 'src-gateway', 'test/inbox': 'src-renderer', 'test/intake': 'src-renderer', 'test/outbox': 'src-renderer',
  'test/renderer': 'src-renderer', 'test/supervision': 'src-renderer', 'test/electron': 'src-main', 'test/scanner': 'src-main/services/scanner',
  'test/bridge': 'src-shared/bridge', 'test/shared': 'src-shared',
}

const CODE_EXT = ['.ts', '.tsx', '.mts', '.cts', '.mjs', '.cjs', '.js', '.jsx']
const RESOLVE_EXT = ['', '.ts', '.tsx', '.mts', '.d.ts', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.tsx', '/index.js']
/** Text files whose mentions of a moved path (`test/inbox/gateway.ts`) are updated. */
const TEXT_EXT = [...CODE_EXT, '.md', '.json', '.sh', '.yml', '.yaml']
/** Where files importing test helpers live (besides test/ itself). */
const IMPORTER_DIRS = ['test', 'bench', 'scripts']

const isTest = (p) => /\.test\.(ts|tsx)$/.test(p)
const isCode = (p) => CODE_EXT.some((e) => p.endsWith(e))
const abs = (rel) => path.join(ROOT, rel)
const exists = (rel) => fs.existsSync(abs(rel))
const isFile = (rel) => { try { return fs.statSync(abs(rel)).isFile() } catch { return false } }
const isDir = (rel) => { try { return fs.statSync(abs(rel)).isDirectory() } catch { return false } }

function git(args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 })
}

/** Tracked and untracked-but-not-ignored files under the given folders. */
function listFiles(dirs) {
  return [...new Set(git(['ls-files', '-co', '--exclude-standard', '--', ...dirs]).split('\n').filter(Boolean))]
    .filter((p) => isFile(p)).sort()
}

// ---------------------------------------------------------------------------------------------------------------
// Where a test belongs

/** The mirror root a test path sits in ('gateway' for test/gateway/…), or null. */
function mirrorKey(testPath) {
  const [t, key] = testPath.split('/')
  return t === 'test' && Object.hasOwn(MIRROR_ROOTS, key) ? key : null
}

export function isExempt(testPath) {
  const [t, key] = testPath.split('/')
  return t === 'test' && EXEMPT.includes(key)
}

/** Whether a test file sits in a folder that exists under its mirror root (test/gateway/pki → src-gateway/pki). */
export function inMirrorPlace(testPath, dirExists = isDir) {
  const key = mirrorKey(testPath)
  if (!key) return false
  const rest = path.posix.dirname(testPath).split('/').slice(2)
  return dirExists([MIRROR_ROOTS[key], ...rest].join('/'))
}

/** test/gateway/pki for src-gateway/pki/crl.ts; null for a file outside the mirrored roots. */
function mirrorDirOf(srcFile) {
  const [top, ...rest] = srcFile.split('/')
  const key = Object.keys(MIRROR_ROOTS).find((k) => MIRROR_ROOTS[k] === top)
  if (!key) return null
  return ['test', key, ...rest.slice(0, -1)].join('/')
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a file: what it imports, which names it uses, which paths it builds from __dirname

/** Every place a file names another file: import/export/require/import()/vi.mock, new URL(…, import.meta.url), __dirname joins. */
function scan(rel, text) {
  const kind = rel.endsWith('x') ? ts.ScriptKind.TSX : rel.endsWith('.mjs') || rel.endsWith('.cjs') || rel.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, kind)
  /** { spec, start, end, names: [{ name, typeOnly }], namespace?, kind } — start/end span the literal's text */
  const specs = []
  /** { segments, start, end, style } — the string arguments after __dirname */
  const dirPaths = []
  const identCount = new Map()
  const declaredModules = []
  /** string literals that are repo paths ('test/inbox/gateway-process.ts', 'src-main/cli/arm.ts') */
  const repoPaths = []

  const literal = (node) => (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node : null)
  const addSpec = (lit, extra) => specs.push({ spec: lit.text, start: lit.getStart(sf) + 1, end: lit.getEnd() - 1, names: [], ...extra })

  function visit(node) {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && literal(node.moduleSpecifier)) {
      const names = []
      let namespace = null
      const typeOnlyDecl = ts.isImportDeclaration(node) ? !!node.importClause?.isTypeOnly : node.isTypeOnly
      if (ts.isImportDeclaration(node) && node.importClause) {
        const c = node.importClause
        if (c.name) names.push({ name: c.name.text, typeOnly: typeOnlyDecl })
        if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) namespace = c.namedBindings.name.text
        if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
          for (const el of c.namedBindings.elements) names.push({ name: el.name.text, typeOnly: typeOnlyDecl || el.isTypeOnly })
        }
      }
      addSpec(node.moduleSpecifier, { names, namespace, kind: ts.isImportDeclaration(node) ? 'import' : 'export' })
      return
    }
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) declaredModules.push(node.name.text)
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(sf)
      const first = node.arguments[0] && literal(node.arguments[0])
      if (first && (node.expression.kind === ts.SyntaxKind.ImportKeyword
        || /^(require|require\.resolve|vi\.(mock|doMock|unmock|doUnmock|importActual|importMock))$/.test(callee))) {
        addSpec(first, { kind: 'call' })
      }
      // join(__dirname, '..', 'x') / path.resolve(__dirname, '../x'): the literal run right after __dirname
      const a = node.arguments
      if (/^(path\.)?(join|resolve)$/.test(callee) && a.length > 1 && ts.isIdentifier(a[0]) && a[0].text === '__dirname') {
        const lits = []
        for (const arg of a.slice(1)) { const l = literal(arg); if (!l) break; lits.push(l) }
        if (lits.length) dirPaths.push({ segments: lits.map((l) => l.text), start: lits[0].getStart(sf), end: lits[lits.length - 1].getEnd(), quote: text[lits[0].getStart(sf)] })
      }
    }
    // new URL('./x', import.meta.url)
    if (ts.isNewExpression(node) && node.expression.getText(sf) === 'URL' && node.arguments?.length === 2
      && node.arguments[1].getText(sf) === 'import.meta.url' && literal(node.arguments[0])) {
      addSpec(literal(node.arguments[0]), { kind: 'url' })
    }
    if (literal(node) && /^(test|src-[a-z]+|scripts|build)\/[\w./-]+$/.test(node.text)) repoPaths.push(node.text)
    if (ts.isIdentifier(node)) identCount.set(node.text, (identCount.get(node.text) ?? 0) + 1)
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return { specs, dirPaths, identCount, declaredModules, repoPaths }
}

/** Resolves a specifier from a file to a repo-relative file path, or null (packages, missing files). */
function resolveSpec(fromRel, spec, fileExists = isFile) {
  let base
  if (spec.startsWith('.')) base = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec))
  else if (spec.startsWith('@shared/')) base = 'src-shared/' + spec.slice('@shared/'.length)
  else return null
  if (base.startsWith('..')) return null
  for (const ext of RESOLVE_EXT) {
    if (fileExists(base + ext)) return base + ext
    // './x.js' written for x.ts
    if (ext && /\.(m|c)?js$/.test(base)) {
      const stem = base.replace(/\.(m|c)?js$/, '')
      for (const e of ['.ts', '.tsx', '.mts', '.cts']) if (fileExists(stem + e)) return stem + e
    }
  }
  return null
}

/** How strongly a test exercises each src module: uses of the names it imports from it (types count half). */
function moduleScores(rel, info) {
  const scores = new Map()
  const add = (mod, n) => scores.set(mod, (scores.get(mod) ?? 0) + n)
  for (const s of info.specs) {
    const target = resolveSpec(rel, s.spec)
    if (!target || !/^src-|^scripts\//.test(target)) continue
    let n = 0
    for (const { name, typeOnly } of s.names) n += Math.max(0, (info.identCount.get(name) ?? 1) - 1) * (typeOnly ? 0.5 : 1) + 0.01
    if (s.namespace) n += Math.max(0, (info.identCount.get(s.namespace) ?? 1) - 1)
    if (s.kind !== 'import') n += 1
    add(target, n || 0.5)
  }
  for (const d of info.dirPaths) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), ...d.segments))
    if (/^src-/.test(target) && isFile(target)) add(target, 1)
  }
  for (const p of info.repoPaths) if (/^(src-[a-z]+|scripts)\//.test(p) && isFile(p)) add(p, 1)
  return scores
}

const stem = (p) => path.posix.basename(p).replace(/\.test\.(ts|tsx)$/, '').replace(/\.(d\.ts|ts|tsx|mts|cts|mjs|cjs|js)$/, '')
const norm = (s) => s.toLowerCase().replace(/[-_.]/g, '')

/** The folders under a src root, for matching a test's name to a folder (test/gateway/audit.test.ts → src-gateway/audit). */
function srcFolders(root) {
  const out = []
  const walk = (d) => {
    for (const e of fs.readdirSync(abs(d), { withFileTypes: true })) {
      if (e.isDirectory() && !['node_modules', 'public', 'fonts'].includes(e.name)) { out.push(`${d}/${e.name}`); walk(`${d}/${e.name}`) }
    }
  }
  if (isDir(root)) walk(root)
  return out
}

/**
 * Where a test belongs, in this order: the src module it imports that is named like it (crl.test.ts → crl.ts); a
 * folder of its old folder's source subtree named like it or its first word (audit-counter → src-gateway/audit);
 * else the src module whose imported names it uses most, each module weighed by how few tests import it (the
 * catalogue and the error table are everybody's test data, not the subject), among the modules of the old folder's
 * subtree when the test uses any (test/gateway → src-gateway). What
 * the test reaches only through its own helpers counts at half weight. Returns { dir, why } or null.
 */
function placeOf(rel, infos, df, nTests) {
  const own = moduleScores(rel, infos.get(rel))
  const viaHelpers = new Map()
  for (const s of infos.get(rel).specs) {
    const h = resolveSpec(rel, s.spec)
    if (!h || !h.startsWith('test/') || isTest(h) || !infos.has(h)) continue
    for (const [m, n] of moduleScores(h, infos.get(h))) viaHelpers.set(m, (viaHelpers.get(m) ?? 0) + n / 2)
  }
  const oldDir = rel.split('/').slice(0, 2).join('/')
  const hint = OLD_FOLDER_HINTS[oldDir] ?? (mirrorKey(rel) ? MIRROR_ROOTS[mirrorKey(rel)] : null)
  const inHint = (m) => !!hint && (m === hint || m.startsWith(hint + '/'))

  const named = [...own.keys()].filter((m) => mirrorDirOf(m) && norm(stem(m)) === norm(stem(rel))).sort((a, b) => Number(inHint(b)) - Number(inHint(a)))[0]
  if (named) return { dir: mirrorDirOf(named), why: `named after ${named}` }

  if (hint) {
    const words = [norm(stem(rel)), norm(stem(rel).split(/[-_.]|(?=[A-Z])/)[0])]
    const folder = srcFolders(hint.split('/')[0]).filter((f) => inHint(f))
      .find((f) => words.some((w) => { const n = norm(path.posix.basename(f)); return n === w || n === w + 's' || n + 's' === w }))
    if (folder) return { dir: mirrorDirOf(folder + '/x.ts'), why: `named after the folder ${folder}` }
  }

  let ranked = [...new Set([...own.keys(), ...viaHelpers.keys()])]
    .filter((m) => mirrorDirOf(m))
    .map((m) => {
      const raw = (own.get(m) ?? 0) + (viaHelpers.get(m) ?? 0) * (own.has(m) ? 0 : 1)
      const idf = Math.log((nTests + 1) / ((df.get(m) ?? 0) + 1)) + 0.1
      return { module: m, score: raw * idf * (inHint(m) ? 3 : 1) }
    })
    .sort((a, b) => b.score - a.score || a.module.localeCompare(b.module))
  // a module of the old folder's subtree, when there is one, beats test data from elsewhere
  if (ranked.some((r) => inHint(r.module))) ranked = ranked.filter((r) => inHint(r.module))
  if (!ranked.length) return null
  return { dir: mirrorDirOf(ranked[0].module), why: `mainly tests ${ranked[0].module} (${ranked.slice(0, 3).map((r) => `${path.posix.basename(r.module)} ${r.score.toFixed(1)}`).join(', ')})` }
}

// ---------------------------------------------------------------------------------------------------------------
// Renames git remembers (to mend imports written against the old places)

function ledger() {
  const map = new Map()
  let out
  try { out = git(['log', '--format=', '--name-status', '-M', '--diff-filter=R', '--', 'test']) } catch { return map }
  // newest first: a later rename of the same file wins
  for (const line of out.split('\n')) {
    const [status, from, to] = line.split('\t')
    if (!status?.startsWith('R') || !from || !to || map.has(from)) continue
    map.set(from, to)
  }
  return map
}

function follow(map, p) {
  const seen = new Set()
  while (map.has(p) && !seen.has(p)) { seen.add(p); p = map.get(p) }
  return p
}

// ---------------------------------------------------------------------------------------------------------------
// The plan

export function plan() {
  const testFiles = listFiles(['test'])
  const importerFiles = listFiles(IMPORTER_DIRS).filter((p) => isCode(p) && p !== SELF)
  const infos = new Map()
  for (const p of importerFiles) infos.set(p, scan(p, fs.readFileSync(abs(p), 'utf8')))

  const moves = new Map() // old → new
  const reasons = new Map()
  const problems = []

  // 1. tests
  const allTests = testFiles.filter(isTest)
  const df = new Map() // src module → how many tests import it
  for (const t of allTests) for (const m of moduleScores(t, infos.get(t)).keys()) df.set(m, (df.get(m) ?? 0) + 1)
  for (const p of allTests) {
    if (isExempt(p)) continue
    const override = OVERRIDES[p]
    const key = mirrorKey(p)
    const atMirrorRoot = key && p.split('/').length === 3
    if (!override && inMirrorPlace(p) && !atMirrorRoot) continue
    let target
    if (override) {
      target = override.endsWith('/') ? override + path.posix.basename(p) : override
      reasons.set(p, 'override')
    } else {
      const place = placeOf(p, infos, df, allTests.length)
      if (!place) {
        if (!inMirrorPlace(p)) problems.push(`${p}: imports no src module; add it to OVERRIDES in ${SELF}`)
        continue
      }
      target = place.dir + '/' + path.posix.basename(p)
      reasons.set(p, place.why)
    }
    if (target !== p) moves.set(p, target)
  }

  // 2. helpers follow their users (users first: a helper used by a helper waits for it)
  const helpers = testFiles.filter((p) => !isTest(p) && !isExempt(p) && !p.startsWith('test/fixtures/'))
    .filter((p) => OVERRIDES[p] || !inMirrorPlace(p) || p.split('/').length === 3)
  const users = new Map(helpers.map((h) => [h, new Set()]))
  for (const [p, info] of infos) {
    for (const s of info.specs) {
      const t = resolveSpec(p, s.spec)
      if (t && users.has(t) && t !== p) users.get(t).add(p)
    }
    for (const d of info.dirPaths) {
      const t = path.posix.normalize(path.posix.join(path.posix.dirname(p), ...d.segments))
      if (users.has(t) && t !== p) users.get(t).add(p)
    }
    for (const t of info.repoPaths) if (users.has(t) && t !== p) users.get(t).add(p)
  }
  // an ambient declaration (`declare module 'x'`) goes with the files importing 'x'
  for (const h of helpers.filter((h) => h.endsWith('.d.ts'))) {
    for (const m of infos.get(h)?.declaredModules ?? []) {
      for (const [p, info] of infos) if (info.specs.some((s) => s.spec === m)) users.get(h).add(p)
    }
  }
  const placed = new Map()
  const newPlaceOf = (p) => placed.get(p) ?? moves.get(p) ?? p
  for (let round = 0; round < helpers.length + 1; round++) {
    let progress = false
    for (const h of helpers) {
      if (placed.has(h)) continue
      const us = [...users.get(h)]
      if (us.some((u) => users.has(u) && !placed.has(u) && u !== h)) continue
      placed.set(h, helperTarget(h, us.map(newPlaceOf)))
      progress = true
    }
    if (!progress) break
  }
  for (const h of helpers) {
    if (!placed.has(h)) placed.set(h, helperTarget(h, [...users.get(h)].map(newPlaceOf))) // a cycle between helpers
  }
  for (const [h, t] of placed) {
    if (t !== h) { moves.set(h, t); reasons.set(h, reasons.get(h) ?? `helper used by ${[...users.get(h)].length} file(s)`) }
  }

  // 3. two files for one place: keep the name's folder, prefix with the old folder's name
  const taken = new Map()
  for (const [from, to] of [...moves].sort()) {
    let target = to
    if (taken.has(target) || (exists(target) && !moves.has(target))) {
      const prefixed = path.posix.join(path.posix.dirname(to), `${from.split('/')[1]}-${path.posix.basename(to)}`)
      if (taken.has(prefixed) || (exists(prefixed) && !moves.has(prefixed))) { problems.push(`${from} → ${to}: the place is taken; add an OVERRIDES entry`); moves.delete(from); continue }
      target = prefixed
    }
    taken.set(target, from)
    moves.set(from, target)
  }

  // 4. rewrites: every importer whose own place or whose imports' places change, and imports mended from git's renames
  const remembered = ledger()
  const destinations = new Set(remembered.values())
  const oldDirs = new Map() // a folder → the folders whose files git moved into it
  for (const [from, to] of remembered) {
    const d = path.posix.dirname(to)
    if (!oldDirs.has(d)) oldDirs.set(d, new Set())
    if (path.posix.dirname(from) !== d) oldDirs.get(d).add(path.posix.dirname(from))
  }
  const edits = new Map() // file (old place) → new text
  for (const [p, info] of infos) {
    const text = fs.readFileSync(abs(p), 'utf8')
    const fromNew = moves.get(p) ?? p
    const changes = []
    for (const s of info.specs) {
      if (!s.spec.startsWith('.')) continue
      let target = resolveSpec(p, s.spec)
      if (!target) {
        // written against an old place: look up where git moved it (or where this run moves it). A file git itself
        // carried into a renamed folder at the merge still names its neighbours from the folder it was written in.
        for (const dir of [path.posix.dirname(p), ...(oldDirs.get(path.posix.dirname(p)) ?? [])]) {
          target = dir === path.posix.dirname(p) ? null : resolveSpec(`${dir}/${path.posix.basename(p)}`, s.spec)
          if (target) break
          const base = path.posix.normalize(path.posix.join(dir, s.spec))
          for (const ext of RESOLVE_EXT) {
            const now = follow(remembered, base + ext)
            if (now !== base + ext && isFile(now)) { target = now; break }
            if (moves.has(base + ext)) { target = base + ext; break }
          }
          if (target) break
        }
        if (!target) continue
      }
      const targetNew = moves.get(target) ?? target
      const spec = specFor(fromNew, targetNew, s.spec)
      if (spec !== s.spec) changes.push({ start: s.start, end: s.end, text: spec })
    }
    for (const d of info.dirPaths) {
      let target = path.posix.normalize(path.posix.join(path.posix.dirname(p), ...d.segments))
      if (!destinations.has(p)) {
        // carried by git into a renamed folder: the path was written from the old folder (the repo root, most often)
        for (const dir of oldDirs.get(path.posix.dirname(p)) ?? []) {
          const fromOld = path.posix.normalize(path.posix.join(dir, ...d.segments))
          if (!fromOld.startsWith('..') && exists(fromOld) && (fromOld === '.' || !exists(target))) { target = fromOld; break }
        }
      }
      const targetNew = moves.get(target) ?? target
      let rel = path.posix.relative(path.posix.dirname(fromNew), targetNew) || '.'
      if (rel === d.segments.join('/')) continue
      const q = d.quote
      const segs = d.segments.length === 1 ? [rel] : rel.split('/')
      const original = text.slice(d.start, d.end)
      const replacement = segs.map((s) => q + s + q).join(', ')
      if (original !== replacement && path.posix.normalize(path.posix.join(path.posix.dirname(fromNew), ...segs)) === targetNew) {
        changes.push({ start: d.start, end: d.end, text: replacement })
      }
    }
    if (changes.length) edits.set(p, applyChanges(text, changes))
  }

  // 5. mentions of moved paths in docs and comments (`test/gateway/attacks.ts`)
  const renamed = new Map([...remembered].map(([k]) => [k, follow(remembered, k)]).filter(([k, v]) => !exists(k) && exists(v)))
  for (const [k, v] of moves) renamed.set(k, v)
  const mentionEdits = new Map()
  if (renamed.size) {
    const keys = [...renamed.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    const re = new RegExp(`(?<![\\w./-])(${keys.join('|')})(?![\\w/-]|\\.\\w)`, 'g')
    for (const p of listFiles(['.']).filter((p) => TEXT_EXT.some((e) => p.endsWith(e)) && p !== SELF && !p.startsWith('node_modules/') && p !== 'package-lock.json')) {
      const text = edits.get(p) ?? fs.readFileSync(abs(p), 'utf8')
      if (!text.includes('test/')) continue
      const next = text.replace(re, (m) => renamed.get(m))
      if (next !== text) mentionEdits.set(p, next)
    }
  }
  for (const [p, t] of mentionEdits) edits.set(p, t)

  return { moves, reasons, edits, problems }
}

/** Where a helper goes: its users' folder if they share one, their common mirror subtree, else test/support. */
function helperTarget(h, userPlaces) {
  const override = OVERRIDES[h]
  if (override) return override.endsWith('/') ? override + path.posix.basename(h) : override
  const dirs = [...new Set(userPlaces.map((u) => path.posix.dirname(u)))]
  const name = path.posix.basename(h)
  if (!dirs.length) return h // nothing uses it: left where it is (say so with an override if it should move)
  if (dirs.length === 1 && dirs[0].startsWith('test/') && !dirs[0].startsWith('test/fixtures')) return `${dirs[0]}/${name}`
  // the deepest folder all users share, if it is a mirror folder
  let common = dirs[0].split('/')
  for (const d of dirs.slice(1)) {
    const parts = d.split('/')
    let i = 0
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++
    common = common.slice(0, i)
  }
  const c = common.join('/')
  if (common.length >= 2 && common[0] === 'test' && mirrorKey(c + '/x') && !isExempt(c + '/x')) return `${c}/${name}`
  const generic = /^(helpers|index|steps|gateway|utils)\.[a-z.]+$/.test(name)
  return `test/support/${generic ? `${h.split('/')[1]}-${name}` : name}`
}

/** The specifier from a file's new place to a target's new place, in the style of the old one. */
function specFor(fromNew, targetNew, oldSpec) {
  let rel = path.posix.relative(path.posix.dirname(fromNew), targetNew)
  if (!rel.startsWith('.')) rel = './' + rel
  const oldBase = path.posix.basename(oldSpec)
  if (/\/index\.(ts|tsx|js)$/.test(targetNew) && !/index(\.\w+)?$/.test(oldBase)) return rel.replace(/\/index\.(ts|tsx|js)$/, '')
  if (/\.(m|c)?js$/.test(oldSpec) && /\.(m|c)?tsx?$/.test(targetNew)) return rel.replace(/\.(m|c)?tsx?$/, oldSpec.match(/\.(m|c)?js$/)[0])
  if (/\.d\.ts$/.test(targetNew) && !oldSpec.endsWith('.d.ts')) return rel.replace(/\.d\.ts$/, '')
  const ext = path.posix.extname(targetNew)
  if (!oldBase.endsWith(ext)) return rel.slice(0, -ext.length)
  return rel
}

function applyChanges(text, changes) {
  let out = text
  for (const c of changes.sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.text + out.slice(c.end)
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// Doing it

function apply({ moves, edits }) {
  const tracked = new Set(git(['ls-files', '--', 'test']).split('\n').filter(Boolean))
  const contents = new Map([...edits].map(([p, t]) => [moves.get(p) ?? p, t]))
  for (const [from, to] of moves) {
    fs.mkdirSync(path.dirname(abs(to)), { recursive: true })
    if (tracked.has(from)) git(['mv', from, to])
    else fs.renameSync(abs(from), abs(to))
  }
  for (const [p, t] of contents) fs.writeFileSync(abs(p), t)
  // folders the moves emptied
  for (const from of moves.keys()) {
    let dir = path.posix.dirname(from)
    while (dir !== 'test' && isDir(dir) && fs.readdirSync(abs(dir)).length === 0) { fs.rmdirSync(abs(dir)); dir = path.posix.dirname(dir) }
  }
}

function main() {
  const args = process.argv.slice(2)
  const started = Date.now()
  const p = plan()
  const lines = []
  const width = Math.max(0, ...[...p.moves.keys()].map((k) => k.length))
  for (const [from, to] of [...p.moves].sort()) lines.push(`move  ${from.padEnd(width)} → ${to}   (${p.reasons.get(from) ?? ''})`)
  for (const f of [...p.edits.keys()].sort()) lines.push(`edit  ${p.moves.get(f) ?? f}`)
  for (const problem of p.problems) lines.push(`ERROR ${problem}`)
  if (!lines.length) lines.push('test/ mirrors the source folders: nothing to move')
  console.log(lines.join('\n'))
  console.log(`${p.moves.size} moves, ${p.edits.size} files edited, ${p.problems.length} problems (${Date.now() - started} ms)`)
  if (args.includes('--apply')) {
    apply(p)
    console.log('applied: run `npm run typecheck`, `npm run lint` and the moved tests')
  } else if (args.includes('--check')) {
    process.exitCode = p.moves.size || p.edits.size || p.problems.length ? 1 : 0
  } else if (!args.includes('--dry-run') && args.length) {
    console.error(`unknown option(s): ${args.join(' ')} (use --dry-run, --apply or --check)`)
    process.exitCode = 2
  }
  if (p.problems.length) process.exitCode = process.exitCode || 1
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
