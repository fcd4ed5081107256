import type { PDFDocumentProxy } from 'pdfjs-dist'
import { ArmError } from '@shared/errors'

/** Longest side of a rendered thumbnail in pixels: twice the 120 px tile, so it stays sharp on HiDPI screens. */
export const PDF_THUMB_PX = 240

/** Documents kept open in pdf.js at once (each holds its parsed objects in the worker). */
const MAX_OPEN_DOCS = 4
/** Rendered thumbnails kept (object URLs); the oldest are revoked beyond this. */
const MAX_THUMBS = 300

type Loader = (sha256: string) => Promise<Uint8Array | undefined>
type PdfJs = typeof import('pdfjs-dist')

let pdfjsPromise: Promise<PdfJs> | null = null

/**
 * pdf.js is loaded on the first PDF preview only (it is large), with its worker bundled by Vite as an asset of the
 * app itself, so the worker comes from the app's own origin and the strict CSP (worker-src 'self') allows it.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([pdfjs, worker]) => {
    pdfjs.GlobalWorkerOptions.workerSrc = worker.default
    return pdfjs
  })
  pdfjsPromise.catch(() => (pdfjsPromise = null))
  return pdfjsPromise
}

interface OpenDoc {
  doc: Promise<PDFDocumentProxy>
  /** Renders in flight: a document is destroyed on eviction only once none use it. */
  busy: number
  evicted: boolean
}

/** Parsed documents by content hash (SHA-256 of the bytes), least recently used first. */
const docs = new Map<string, OpenDoc>()
/** Thumbnails by `sha:index:rotation`, least recently used first. */
const thumbs = new Map<string, Promise<string>>()

function openDoc(sha256: string, load: Loader): OpenDoc {
  let entry = docs.get(sha256)
  if (entry) {
    docs.delete(sha256)
    docs.set(sha256, entry)
    return entry
  }
  const doc = (async () => {
    const bytes = await load(sha256)
    if (!bytes) throw new Error('source bytes missing')
    const pdfjs = await loadPdfJs()
    // A copy: pdf.js transfers the buffer to its worker, which would detach the caller's (cached) bytes.
    // No eval (the CSP forbids it), no network fetches of fonts or cmaps: thumbnails only need the page content.
    const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useWorkerFetch: false, disableAutoFetch: true, disableStream: true })
    return task.promise
  })()
  entry = { doc, busy: 0, evicted: false }
  docs.set(sha256, entry)
  doc.catch(() => docs.get(sha256) === entry && docs.delete(sha256))
  while (docs.size > MAX_OPEN_DOCS) {
    const [oldest, old] = docs.entries().next().value as [string, OpenDoc]
    docs.delete(oldest)
    old.evicted = true
    if (old.busy === 0) void old.doc.then((d) => d.destroy()).catch(() => undefined)
  }
  return entry
}

async function render(entry: OpenDoc, index: number, rotation: number): Promise<string> {
  entry.busy++
  try {
    const doc = await entry.doc
    const page = await doc.getPage(index + 1)
    try {
      // The operator's rotation is added to the page's own /Rotate, as compose() does when it builds the document.
      const angle = (((page.rotate + rotation) % 360) + 360) % 360
      const unit = page.getViewport({ scale: 1, rotation: angle })
      const viewport = page.getViewport({ scale: PDF_THUMB_PX / Math.max(unit.width, unit.height), rotation: angle })
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(viewport.width))
      canvas.height = Math.max(1, Math.round(viewport.height))
      const ctx = canvas.getContext('2d')
      if (!ctx) throw new Error('no 2d context')
      await page.render({ canvasContext: ctx, viewport }).promise
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
      if (!blob) throw new Error('canvas.toBlob gave nothing')
      return URL.createObjectURL(blob)
    } finally {
      page.cleanup()
    }
  } finally {
    entry.busy--
    if (entry.evicted && entry.busy === 0) void entry.doc.then((d) => d.destroy()).catch(() => undefined)
  }
}

/**
 * An object URL of a PNG thumbnail of one PDF page, drawn with the operator's rotation. Cached per document hash,
 * page and rotation, so re-renders and re-mounts reuse it. Any failure (damaged page, unsupported content, pdf.js
 * not loading) is SCAN_PREVIEW_FAILED: the tile keeps its placeholder and says so; the page itself is untouched.
 */
export function pdfPageThumbnail(sha256: string, index: number, rotation: number, load: Loader): Promise<string> {
  const key = `${sha256}:${index}:${rotation}`
  const hit = thumbs.get(key)
  if (hit) {
    thumbs.delete(key)
    thumbs.set(key, hit)
    return hit
  }
  const made = render(openDoc(sha256, load), index, rotation).catch((err: unknown) => {
    thumbs.delete(key)
    throw new ArmError('SCAN_PREVIEW_FAILED', 'PDF page not rendered', { page: index + 1, reason: err instanceof Error ? err.message : String(err) })
  })
  thumbs.set(key, made)
  while (thumbs.size > MAX_THUMBS) {
    const [oldest, old] = thumbs.entries().next().value as [string, Promise<string>]
    thumbs.delete(oldest)
    // An <img> that already shows the picture keeps it after the URL is revoked.
    void old.then((url) => URL.revokeObjectURL(url)).catch(() => undefined)
  }
  return made
}
