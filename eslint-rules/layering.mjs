// Layering of АРМ: which folder may import what. The folder says where code runs (see ARCHITECTURE.md):
//   src-shared          pure TypeScript: no electron, no Node builtins, none of our other folders
//   src-main/electron   the only importer of `electron`
//   src-main/services   plain Node: no electron, no renderer, no electron shell, no host, no gateway
//   src-main/host       plain Node: no electron, no renderer, no electron shell, no gateway
//   src-renderer        browser: no src-main, no src-gateway, no Node builtins, no electron
//   src-gateway         plain Node: of ours only src-shared
//   anything else       (tests, scripts, bench) no electron
// Inside src-renderer (sub-layers):
//   features/<x>        its own folder, ui/, the platform folders and src-shared — never another feature
//   bridge gateway session sync db i18n ui   never a feature, never app/ (the composition root uses them, not the reverse)
//   app/                everything (it is the composition root)
// DOM and Node globals in src-shared are refused by no-restricted-globals in eslint.config.mjs.
import { builtinModules } from 'node:module'
import path from 'node:path'

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')))

/** The layer of a repo-relative path ('src-main/services/x.ts' → 'src-main/services'). */
export function layerOf(rel) {
  const parts = rel.split(/[\\/]/)
  if (parts[0] === 'src-main') return parts[1] && ['electron', 'services', 'host'].includes(parts[1]) ? `src-main/${parts[1]}` : 'src-main'
  if (['src-shared', 'src-renderer', 'src-gateway'].includes(parts[0])) return parts[0]
  return 'other'
}

/** What an import specifier points at: 'electron', 'node', one of our layers, or 'package'. */
export function targetOf(spec, fromFile, cwd) {
  if (spec === 'electron' || spec.startsWith('electron/')) return 'electron'
  if (spec.startsWith('node:') || NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0])) return 'node'
  if (spec.startsWith('@shared/') || spec === '@shared') return 'src-shared'
  if (spec.startsWith('.')) {
    const rel = path.relative(cwd, path.resolve(path.dirname(fromFile), spec))
    if (rel.startsWith('..')) return 'outside'
    const layer = layerOf(rel)
    return layer === 'other' ? 'repo' : layer
  }
  return 'package'
}

const RENDERER_PLATFORM = new Set(['bridge', 'gateway', 'session', 'sync', 'db', 'i18n', 'ui'])

/** The renderer sub-layer of a repo-relative path: 'feature:<x>', 'platform:<folder>', 'app' or 'root'. */
export function rendererPartOf(rel) {
  const parts = rel.split(/[\\/]/)
  if (parts[0] !== 'src-renderer') return undefined
  if (parts[1] === 'features' && parts.length > 3) return `feature:${parts[2]}`
  if (parts[1] === 'app') return 'app'
  if (RENDERER_PLATFORM.has(parts[1]) && parts.length > 2) return `platform:${parts[1]}`
  return 'root'
}

/** Why an import inside the renderer crosses its sub-layers, or undefined when it may. */
export function rendererCrossing(fromRel, toRel) {
  const from = rendererPartOf(fromRel)
  const to = rendererPartOf(toRel)
  if (!from || !to || from === to) return undefined
  if (from.startsWith('feature:') && to.startsWith('feature:')) return `another feature (${to.slice(8)})`
  if (from.startsWith('platform:') && (to.startsWith('feature:') || to === 'app')) return to === 'app' ? 'app/ (the composition root)' : `a feature (${to.slice(8)})`
  return undefined
}

const ALL_OURS = ['src-shared', 'src-main', 'src-main/electron', 'src-main/services', 'src-main/host', 'src-renderer', 'src-gateway']
const FORBIDDEN = {
  'src-shared': ['electron', 'node', 'repo', ...ALL_OURS.filter((l) => l !== 'src-shared')],
  'src-main/electron': ['src-renderer', 'src-gateway'],
  'src-main/services': ['electron', 'src-renderer', 'src-gateway', 'src-main/electron', 'src-main/host'],
  'src-main/host': ['electron', 'src-renderer', 'src-gateway', 'src-main/electron'],
  'src-main': ['electron', 'src-renderer', 'src-gateway'],
  'src-renderer': ['electron', 'node', 'src-main', 'src-main/electron', 'src-main/services', 'src-main/host', 'src-gateway'],
  'src-gateway': ['electron', 'src-main', 'src-main/electron', 'src-main/services', 'src-main/host', 'src-renderer'],
  other: ['electron'],
}

const WHAT = {
  electron: '`electron` (only src-main/electron may)',
  node: 'a Node builtin',
  repo: 'files outside the source folders',
  outside: 'files outside the repository',
}

/** @type {import('eslint').Rule.RuleModule} */
const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce which folder may import what (АРМ layering)' },
    messages: {
      forbidden: 'Layering: {{from}} may not import {{what}} ("{{spec}}").',
      crossing: 'Layering: {{from}} may not import {{what}} ("{{spec}}"): features meet only in app/.',
    },
    schema: [],
  },
  create(context) {
    const cwd = context.cwd
    const file = context.filename
    const from = layerOf(path.relative(cwd, file))
    const forbidden = new Set(FORBIDDEN[from] ?? [])
    const check = (node, spec) => {
      if (typeof spec !== 'string') return
      const target = targetOf(spec, file, cwd)
      if (forbidden.has(target)) context.report({ node, messageId: 'forbidden', data: { from, what: WHAT[target] ?? target, spec } })
      else if (from === 'src-renderer' && target === 'src-renderer' && spec.startsWith('.')) {
        const fromRel = path.relative(cwd, file)
        const what = rendererCrossing(fromRel, path.relative(cwd, path.resolve(path.dirname(file), spec)))
        if (what) context.report({ node, messageId: 'crossing', data: { from: rendererPartOf(fromRel).replace(':', ' '), what, spec } })
      }
    }
    const literal = (n) => (n && n.type === 'Literal' && typeof n.value === 'string' ? n.value : undefined)
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => check(n, literal(n.source)),
      TSImportType: (n) => check(n, literal(n.argument?.literal ?? n.argument) ?? n.source?.value),
      TSExternalModuleReference: (n) => check(n, literal(n.expression)),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require') check(n, literal(n.arguments[0]))
      },
    }
  },
}

export default { meta: { name: 'arm-layering' }, rules: { layering } }
