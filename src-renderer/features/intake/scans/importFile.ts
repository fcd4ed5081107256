import { ArmError } from '@shared/errors'
import { countPages } from './compose'
import { sha256Hex } from './hash'
import { sniffMediaType, type ScanMediaType } from './sniff'

/** Limits of one imported file and of one composed document. The gateway refuses attachments over 20 MiB. */
export interface ScanLimits {
  maxFileBytes: number
  maxPagesPerDocument: number
}
export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxFileBytes: 20 * 1024 * 1024, maxPagesPerDocument: 50 }

/** Reads a File/Blob in chunks so a large scan shows progress instead of a frozen screen. */
export async function readWithProgress(file: Blob, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  const total = file.size
  if (typeof file.stream !== 'function') return readWithFileReader(file, onProgress)
  const out = new Uint8Array(total)
  const reader = file.stream().getReader()
  let at = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    out.set(value.subarray(0, Math.max(0, total - at)), at)
    at += value.length
    onProgress?.(total ? Math.min(1, at / total) : 1)
  }
  return at === total ? out : out.subarray(0, at)
}

/** Fallback for environments whose Blob has no stream() (FileReader reports progress too). */
function readWithFileReader(file: Blob, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const fr = new FileReader()
    fr.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total)
    fr.onerror = () => reject(fr.error)
    fr.onload = () => resolve(new Uint8Array(fr.result as ArrayBuffer))
    fr.readAsArrayBuffer(file)
  })
}

export interface ImportedFile {
  bytes: Uint8Array
  mediaType: ScanMediaType
  sha256: string
  pageCount: number
}

/**
 * Checks one file before it joins a document: size, type from the bytes, readable, page count within the document's
 * remaining room. Every refusal is a coded error the panel shows next to the document.
 */
export async function importScan(file: Blob, pagesAlready: number, limits: ScanLimits = DEFAULT_SCAN_LIMITS, onProgress?: (f: number) => void): Promise<ImportedFile> {
  if (file.size === 0) throw new ArmError('SCAN_EMPTY_FILE')
  if (file.size > limits.maxFileBytes) throw new ArmError('SCAN_FILE_TOO_LARGE', 'file over the limit', { size: file.size, limit: limits.maxFileBytes })
  const bytes = await readWithProgress(file, onProgress)
  const mediaType = sniffMediaType(bytes)
  const pageCount = await countPages({ id: 'probe', mediaType, bytes })
  if (pagesAlready + pageCount > limits.maxPagesPerDocument) {
    throw new ArmError('SCAN_TOO_MANY_PAGES', 'page limit', { pages: pagesAlready + pageCount, limit: limits.maxPagesPerDocument })
  }
  return { bytes, mediaType, sha256: await sha256Hex(bytes), pageCount }
}
