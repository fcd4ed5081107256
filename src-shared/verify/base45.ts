/**
 * Base45 (RFC 9285): bytes as QR alphanumeric characters — 3 characters per 2 bytes, so a QR code in alphanumeric
 * mode (5.5 bits per character) carries binary at ~97 % of byte mode, where base64 in byte mode loses a quarter.
 */
export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
const VALUE = new Map([...BASE45_ALPHABET].map((c, i) => [c, i]))

export function base45Encode(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i] * 256 + bytes[i + 1]
    for (let k = 0; k < 3; k++) {
      out += BASE45_ALPHABET[n % 45]
      n = Math.floor(n / 45)
    }
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1]
    out += BASE45_ALPHABET[n % 45] + BASE45_ALPHABET[Math.floor(n / 45)]
  }
  return out
}

/** Strict: a foreign character, a dangling single character or a group over its range is refused (undefined). */
export function base45Decode(text: string): Uint8Array | undefined {
  if (text.length % 3 === 1) return undefined
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0))
  let o = 0
  for (let i = 0; i < text.length; i += 3) {
    const group = text.slice(i, i + 3)
    let n = 0
    for (let k = group.length - 1; k >= 0; k--) {
      const v = VALUE.get(group[k])
      if (v === undefined) return undefined
      n = n * 45 + v
    }
    if (group.length === 3) {
      if (n > 0xffff) return undefined
      out[o++] = n >> 8
      out[o++] = n & 0xff
    } else {
      if (n > 0xff) return undefined
      out[o++] = n
    }
  }
  return out
}
