/**
 * A minimal DER writer for the structures we sign (CMS SignedData, signed attributes). Building them from bytes we
 * already hold (certificate, issuer Name, serial) costs microseconds; a pkijs object round trip costs milliseconds,
 * which is most of a signature's time for small documents.
 */
import { compareBytes, concatBytes } from './bytes'

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return new Uint8Array([n])
  const out: number[] = []
  while (n > 0) {
    out.unshift(n & 0xff)
    n = Math.floor(n / 256)
  }
  return new Uint8Array([0x80 | out.length, ...out])
}

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = content.length === 1 ? content[0] : concatBytes(...content)
  return concatBytes(new Uint8Array([tag]), lengthBytes(body.length), body)
}

export const derSequence = (...c: Uint8Array[]) => tlv(0x30, ...c)
/** SET OF with members sorted by their encodings (X.690 §11.6). */
export const derSetOf = (...c: Uint8Array[]) => tlv(0x31, ...[...c].sort(compareBytes))
export const derOctetString = (b: Uint8Array) => tlv(0x04, b)
export const derNull = () => new Uint8Array([0x05, 0x00])
export const derExplicit = (n: number, ...c: Uint8Array[]) => tlv(0xa0 | n, ...c)

export function derInteger(value: number | Uint8Array): Uint8Array {
  if (typeof value === 'number') {
    const bytes: number[] = []
    let v = value
    do {
      bytes.unshift(v & 0xff)
      v = Math.floor(v / 256)
    } while (v > 0)
    if (bytes[0] & 0x80) bytes.unshift(0)
    return tlv(0x02, new Uint8Array(bytes))
  }
  return tlv(0x02, value)
}

export function derOid(oid: string): Uint8Array {
  const parts = oid.split('.').map(Number)
  const out: number[] = [parts[0] * 40 + parts[1]]
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f]
    let v = Math.floor(p / 128)
    while (v > 0) {
      chunk.unshift((v & 0x7f) | 0x80)
      v = Math.floor(v / 128)
    }
    out.push(...chunk)
  }
  return tlv(0x06, new Uint8Array(out))
}

export function derTime(date: Date): Uint8Array {
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  const y = date.getUTCFullYear()
  const rest = `${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`
  // RFC 5280/5652: UTCTime through 2049, GeneralizedTime from 2050.
  return y < 2050 ? tlv(0x17, new TextEncoder().encode(p(y % 100) + rest)) : tlv(0x18, new TextEncoder().encode(p(y, 4) + rest))
}

export function derAlgorithm(oid: string, nullParams = false): Uint8Array {
  return nullParams ? derSequence(derOid(oid), derNull()) : derSequence(derOid(oid))
}
