/**
 * The CMS as the barcode carries it: the signer's own certificate only (the НУЦ's intermediates and roots are in every
 * verifier's trust store), no CRLs, and no unsigned attributes (a signature-time-stamp token is as large as the rest
 * and is checked online). Neither is covered by the signature, so it still verifies. Definite-length DER only; any
 * other shape is carried as it is.
 */
import { bytesEqual } from '../bytes'

interface Tlv {
  tag: number
  start: number
  body: number
  end: number
}

function read(b: Uint8Array, at: number, limit: number): Tlv | undefined {
  if (at + 2 > limit) return undefined
  const tag = b[at]
  if ((tag & 0x1f) === 0x1f) return undefined
  let len = b[at + 1]
  let p = at + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 4 || p + n > limit) return undefined
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + b[p++]
  }
  return p + len > limit ? undefined : { tag, start: at, body: p, end: p + len }
}

function kids(b: Uint8Array, t: Tlv): Tlv[] | undefined {
  const out: Tlv[] = []
  for (let at = t.body; at < t.end; ) {
    const k = read(b, at, t.end)
    if (!k) return undefined
    out.push(k)
    at = k.end
  }
  return out
}

function encode(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const len = parts.reduce((n, p) => n + p.length, 0)
  const head = len < 0x80 ? [tag, len] : len < 0x100 ? [tag, 0x81, len] : len < 0x10000 ? [tag, 0x82, len >> 8, len & 0xff] : [tag, 0x83, len >> 16, (len >> 8) & 0xff, len & 0xff]
  const out = new Uint8Array(head.length + len)
  out.set(head)
  let at = head.length
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const raw = (b: Uint8Array, t: Tlv) => b.subarray(t.start, t.end)

/** The serial number (content octets) of a Certificate's TBSCertificate. */
function serialOf(b: Uint8Array, cert: Tlv): Uint8Array | undefined {
  const tbs = kids(b, cert)?.[0]
  const fields = tbs && kids(b, tbs)
  if (!fields) return undefined
  const serial = fields[0].tag === 0xa0 ? fields[1] : fields[0]
  return serial && serial.tag === 0x02 ? b.subarray(serial.body, serial.end) : undefined
}

export function compactCms(der: Uint8Array): Uint8Array {
  const ci = read(der, 0, der.length)
  const ciKids = ci && kids(der, ci)
  const wrapped = ciKids?.[1] && kids(der, ciKids[1])?.[0]
  const fields = wrapped && kids(der, wrapped)
  if (!ciKids || !wrapped || !fields) return der
  const signerInfos = fields[fields.length - 1]
  const infos = kids(der, signerInfos)
  if (!infos || signerInfos.tag !== 0x31) return der
  const serials: Uint8Array[] = []
  const keptInfos: Uint8Array[] = []
  for (const si of infos) {
    const parts = kids(der, si)
    if (!parts) return der
    const sid = parts[1]
    const sidKids = sid.tag === 0x30 ? kids(der, sid) : undefined
    if (sidKids?.[1]) serials.push(der.subarray(sidKids[1].body, sidKids[1].end))
    keptInfos.push(encode(0x30, ...parts.filter((p) => p.tag !== 0xa1).map((p) => raw(der, p))))
  }
  const out: Uint8Array[] = []
  for (const f of fields.slice(0, -1)) {
    if (f.tag === 0xa1) continue // CRLs
    if (f.tag === 0xa0) {
      const certs = kids(der, f) ?? []
      const signers = certs.filter((c) => {
        const s = serialOf(der, c)
        return !!s && serials.some((x) => bytesEqual(x, s))
      })
      out.push(encode(0xa0, ...(signers.length ? signers : certs).map((c) => raw(der, c))))
      continue
    }
    out.push(raw(der, f))
  }
  out.push(encode(0x31, ...keptInfos))
  return encode(0x30, raw(der, ciKids[0]), encode(0xa0, encode(0x30, ...out)))
}
