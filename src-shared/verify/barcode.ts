/**
 * The signed barcode printed on a result (issue 17 point 1): the document's unique number, its SHA-256, the signed
 * document itself and its detached CMS (with the signer's certificate), so that the printout alone and the trusted
 * roots verify it offline — like NCA's digital document card, which prints signatures as QR sets.
 *
 * Wire form: one container — version, number, hash, document, CMS, each length-prefixed — deflated, written in
 * base45 and cut into parts, one QR code each. Every part describes itself: `ARM1:<k>/<n>:<set>:<base45>`, where
 * `set` is the first 8 hex digits of the document's SHA-256, so parts may be read in any order and a part from
 * another document is recognised. Pure and synchronous: the workstation, the CLI and the gateway parse the same way.
 */
import { deflateSync } from 'fflate'
import { bytesEqual, toHex, sha256 } from '../bytes'
import { ArmError } from '../errors'
import { base45Decode, base45Encode } from './base45'
import { compactCms } from './compact-cms'
import { inflateBounded } from './inflate'

export const BARCODE_PREFIX = 'ARM1'
const CONTAINER_VERSION = 1
/** Characters of base45 per QR code: version ≤ 22 at level M, which a 200 dpi scan of a 45 mm symbol reads. */
export const BARCODE_PART_CHARS = 1000
/** More parts than a page can hold is not ours. */
const MAX_PARTS = 8
/** The inflated container is a document and a signature: anything larger is a decompression bomb. */
const MAX_CONTAINER_BYTES = 256 * 1024
const PART = /^ARM1:([1-9])\/([1-9]):([0-9A-F]{8}):([0-9A-Z $%*+\-./:]+)$/

export interface SignedBarcode {
  /** The gateway's registration number (Бірегей нөмір / Уникальный номер). */
  registrationNumber: string
  /** SHA-256 of the signed bytes, lower-case hex. */
  sha256: string
  /** The signed bytes (the canonical JSON of the DecisionDocument). */
  document: Uint8Array
  /** The detached CMS over `document`, as signed. */
  signature: Uint8Array
}

function varint(n: number): number[] {
  const out: number[] = []
  do {
    let b = n & 0x7f
    n = Math.floor(n / 128)
    if (n) b |= 0x80
    out.push(b)
  } while (n)
  return out
}

/** The QR texts of a signed document, in order; print every one of them. */
export function encodeSignedBarcode(input: { registrationNumber: string; document: Uint8Array; signature: Uint8Array }, partChars = BARCODE_PART_CHARS): string[] {
  const number = new TextEncoder().encode(input.registrationNumber)
  const hash = sha256(input.document)
  const fields = [number, input.document, compactCms(input.signature)]
  const size = 1 + 32 + fields.reduce((n, f) => n + varint(f.length).length + f.length, 0)
  const container = new Uint8Array(size)
  let at = 0
  container[at++] = CONTAINER_VERSION
  const put = (bytes: Uint8Array | number[]) => {
    container.set(bytes, at)
    at += bytes.length
  }
  put(varint(number.length))
  put(number)
  put(hash)
  for (const f of fields.slice(1)) {
    put(varint(f.length))
    put(f)
  }
  const text = base45Encode(deflateSync(container, { level: 9 }))
  const n = Math.ceil(text.length / partChars)
  if (n > MAX_PARTS) throw new ArmError('BARCODE_CORRUPT', `the signed document needs ${n} barcodes (at most ${MAX_PARTS})`)
  // Equal parts (cut at a base45 group boundary), so the symbols print at one size.
  const per = Math.ceil(text.length / n / 3) * 3
  const set = toHex(hash).slice(0, 8).toUpperCase()
  return Array.from({ length: n }, (_, i) => `${BARCODE_PREFIX}:${i + 1}/${n}:${set}:${text.slice(i * per, (i + 1) * per)}`)
}

/** Is this decoded QR text a part of our signed barcode (whatever its state)? */
export function isSignedBarcodePart(text: string): boolean {
  return text.startsWith(`${BARCODE_PREFIX}:`)
}

function readContainer(bytes: Uint8Array): { number: Uint8Array; hash: Uint8Array; document: Uint8Array; signature: Uint8Array } {
  let at = 0
  const corrupt = (why: string) => new ArmError('BARCODE_CORRUPT', why)
  const readVarint = () => {
    let n = 0
    let scale = 1
    for (let i = 0; i < 4; i++) {
      if (at >= bytes.length) throw corrupt('truncated length')
      const b = bytes[at++]
      n += (b & 0x7f) * scale
      if (!(b & 0x80)) return n
      scale *= 128
    }
    throw corrupt('length too long')
  }
  const take = (len: number) => {
    if (at + len > bytes.length) throw corrupt('truncated field')
    const v = bytes.subarray(at, at + len)
    at += len
    return v
  }
  if (bytes[at++] !== CONTAINER_VERSION) throw corrupt(`container version ${bytes[0]}`)
  const number = take(readVarint())
  const hash = take(32)
  const document = take(readVarint())
  const signature = take(readVarint())
  if (at !== bytes.length) throw corrupt('trailing bytes')
  return { number, hash, document, signature }
}

/**
 * Joins the decoded QR texts of one printout (any order, repeats allowed, foreign codes beside ours ignored) into
 * the signed barcode. Every failure is a coded ArmError: BARCODE_FOREIGN (nothing of ours), BARCODE_MIXED (parts of
 * different documents), BARCODE_PART_MISSING, BARCODE_CORRUPT, BARCODE_HASH_MISMATCH (the document is not the one
 * whose hash is printed). The signature is not checked here (verifyBarcode does, against the trusted roots).
 */
export function parseSignedBarcode(texts: readonly string[]): SignedBarcode {
  const ours = texts.map((t) => t.trim()).filter(isSignedBarcodePart)
  if (!ours.length) throw new ArmError('BARCODE_FOREIGN', texts.length ? 'no АРМ barcode among the codes read' : 'no barcode read')
  const parts = new Map<number, string>()
  let total: number | undefined
  let set: string | undefined
  for (const text of ours) {
    const m = PART.exec(text)
    if (!m) throw new ArmError('BARCODE_CORRUPT', 'a barcode part is malformed')
    const k = Number(m[1])
    const n = Number(m[2])
    if (k > n) throw new ArmError('BARCODE_CORRUPT', `part ${k} of ${n}`)
    if ((total !== undefined && total !== n) || (set !== undefined && set !== m[3])) throw new ArmError('BARCODE_MIXED', 'parts of two documents')
    total = n
    set = m[3]
    const seen = parts.get(k)
    if (seen !== undefined && seen !== m[4]) throw new ArmError('BARCODE_MIXED', `two different parts ${k}`)
    parts.set(k, m[4])
  }
  const missing = Array.from({ length: total! }, (_, i) => i + 1).filter((k) => !parts.has(k))
  if (missing.length) throw new ArmError('BARCODE_PART_MISSING', `missing part(s) ${missing.join(', ')} of ${total}`, { missing, total })
  const joined = Array.from({ length: total! }, (_, i) => parts.get(i + 1)!).join('')
  const packed = base45Decode(joined)
  if (!packed) throw new ArmError('BARCODE_CORRUPT', 'not base45')
  const c = readContainer(inflateBounded(packed, { max: MAX_CONTAINER_BYTES, code: 'BARCODE_CORRUPT' }))
  const hashHex = toHex(c.hash)
  if (hashHex.slice(0, 8).toUpperCase() !== set) throw new ArmError('BARCODE_MIXED', 'the set name is not the document’s hash')
  if (!bytesEqual(sha256(c.document), c.hash)) throw new ArmError('BARCODE_HASH_MISMATCH', 'the carried document is not the one whose hash is printed')
  let registrationNumber: string
  try {
    registrationNumber = new TextDecoder('utf-8', { fatal: true }).decode(c.number)
  } catch {
    throw new ArmError('BARCODE_CORRUPT', 'the number is not UTF-8')
  }
  if (!registrationNumber || registrationNumber.length > 64) throw new ArmError('BARCODE_CORRUPT', 'no unique number')
  return { registrationNumber, sha256: hashHex, document: c.document.slice(), signature: c.signature.slice() }
}
