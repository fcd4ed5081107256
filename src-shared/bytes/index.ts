/**
 * The one set of byte helpers of the product (workstation, main, gateway): views, hex, base64, SHA-256. Pure: no node:,
 * no DOM. SHA-256 is @noble/hashes (synchronous, audited) — no hand-written hash, no per-process copy.
 *
 * Base64 is RFC 4648 §4 with padding, and decoding is strict: what a signature or an idempotency check covers must
 * have exactly one spelling, so anything but the canonical form (wrong length, foreign characters, padding inside,
 * set bits in the unused tail — "QR==" next to "QQ==") is refused with a TypeError, never repaired.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'

export type ByteSource = ArrayBuffer | ArrayBufferView

/** A Uint8Array view of the same memory (no copy). */
export function toBytes(data: ByteSource): Uint8Array {
  if (data instanceof Uint8Array) return data
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** An ArrayBuffer holding exactly these bytes (the same buffer when it already is one, else a copy). */
export function toArrayBuffer(data: ByteSource): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer
}

/** Constant-time for equal lengths (compares every byte). */
export function bytesEqual(a: ByteSource, b: ByteSource): boolean {
  const x = toBytes(a)
  const y = toBytes(b)
  if (x.length !== y.length) return false
  let diff = 0
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i]
  return diff === 0
}

/** Lexicographic order of encodings (DER SET OF members are sorted so). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let off = 0
  for (const p of parts) {
    out.set(p, off)
    off += p.length
  }
  return out
}

export function reverseBytes(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length)
  for (let i = 0; i < data.length; i++) out[i] = data[data.length - 1 - i]
  return out
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

// ── hex ──

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Lower-case hex. */
export function toHex(data: ByteSource): string {
  const bytes = toBytes(data)
  let s = ''
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]]
  return s
}

/** Strict: an even number of hex digits (either case), nothing else; otherwise TypeError. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError('not a hex string')
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

// ── SHA-256 ──

export function sha256(data: ByteSource): Uint8Array {
  return nobleSha256(toBytes(data))
}

/** SHA-256, lower-case hex: how envelopes name attachments and the gateway addresses them. */
export function sha256Hex(data: ByteSource): string {
  return toHex(sha256(data))
}

// ── base64 ──

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_INDEX = new Int16Array(128).fill(-1)
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i

/** The platform's own codec where the engine has it (ES2026 Uint8Array base64: Chromium 140+, Node 25+). */
type NativeBase64 = {
  toBase64?: (this: Uint8Array) => string
}
const nativeToBase64 = (Uint8Array.prototype as NativeBase64).toBase64

const B64_CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0))
const PAD = 61 // '='

/** Standard base64 with padding (RFC 4648 §4). */
export function bytesToBase64(data: ByteSource): string {
  const bytes = toBytes(data)
  if (nativeToBase64) return nativeToBase64.call(bytes)
  // ASCII codes into one buffer, decoded once: string concatenation per group is ~10× slower on megabyte envelopes.
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4)
  let o = 0
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out[o++] = B64_CODES[n >> 18]
    out[o++] = B64_CODES[(n >> 12) & 63]
    out[o++] = B64_CODES[(n >> 6) & 63]
    out[o++] = B64_CODES[n & 63]
  }
  const rest = bytes.length - i
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0)
    out[o++] = B64_CODES[n >> 18]
    out[o++] = B64_CODES[(n >> 12) & 63]
    out[o++] = rest === 2 ? B64_CODES[(n >> 6) & 63] : PAD
    out[o] = PAD
  }
  return new TextDecoder().decode(out)
}

/**
 * Strict decoding of canonical padded base64: length a multiple of 4, standard alphabet, `=` only as the last one or
 * two characters, and the bits the padding leaves unused all zero. Anything else throws TypeError.
 */
export function base64ToBytes(b64: string): Uint8Array {
  if (b64.length % 4 !== 0) throw new TypeError('base64 length must be a multiple of 4')
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0
  const out = new Uint8Array((b64.length / 4) * 3 - pad)
  let o = 0
  for (let i = 0; i < b64.length; i += 4) {
    let n = 0
    const last = i + 4 === b64.length
    for (let j = 0; j < 4; j++) {
      const c = b64.charCodeAt(i + j)
      const isPad = c === 61 && last && j >= 4 - pad
      const v = isPad ? 0 : c < 128 ? B64_INDEX[c] : -1
      if (v < 0) throw new TypeError(`invalid base64 character at ${i + j}`)
      n = (n << 6) | v
    }
    // Canonical tail: "QR==" and "QQ==" would both read as "A"; only the one with zero unused bits is accepted.
    if (last && ((pad === 2 && (n & 0xffff) !== 0) || (pad === 1 && (n & 0xff) !== 0))) throw new TypeError('non-canonical base64 (unused bits set)')
    if (o < out.length) out[o++] = (n >> 16) & 255
    if (o < out.length) out[o++] = (n >> 8) & 255
    if (o < out.length) out[o++] = n & 255
  }
  return out
}

const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$/

/**
 * True when `text` is canonical padded base64 — exactly what base64ToBytes accepts — without decoding it (schemas at
 * the boundaries check megabyte envelopes with it). The last character before padding may only carry zero bits.
 */
export function isCanonicalBase64(text: string): boolean {
  return CANONICAL_BASE64.test(text)
}
