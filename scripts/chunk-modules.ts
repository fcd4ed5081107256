import { resolve } from 'node:path'

/** Each output chunk's modules with their rendered (minified) size, biggest first. */
export interface ChunkModules {
  [chunkFile: string]: { module: string; bytes: number }[]
}

/** Vite/Rolldown plugin: writes `.vite/modules.json`, each chunk's modules by rendered size (for the report). */
export function chunkModulesPlugin() {
  return {
    name: 'arm-chunk-modules',
    generateBundle(this: unknown, _opts: unknown, bundle: Record<string, { type: string; modules?: Record<string, { renderedLength: number }> }>) {
      const out: ChunkModules = {}
      for (const [file, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.modules) continue
        out[file] = Object.entries(chunk.modules)
          .map(([id, m]) => ({ module: shortModule(id), bytes: m.renderedLength }))
          .filter((m) => m.bytes > 0)
          .sort((a, b) => b.bytes - a.bytes)
      }
      ;(this as { emitFile: (f: { type: 'asset'; fileName: string; source: string }) => void }).emitFile({ type: 'asset', fileName: '.vite/modules.json', source: JSON.stringify(out, null, 1) })
    },
  }
}

function shortModule(id: string): string {
  const clean = id.replace(/\?.*$/, '').replace(/^\0/, '')
  const nm = clean.lastIndexOf('node_modules/')
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length)
  const root = resolve(__dirname, '..') + '/'
  return clean.startsWith(root) ? clean.slice(root.length) : clean
}

