/**
 * An sRGB IEC 61966-2.1 ICC profile (version 2, display class, matrix/TRC), built from the standard's numbers: the
 * output intent a PDF/A file needs for its DeviceRGB colours. Built here because no profile ships with Debian's
 * base system and a binary resource would be one more file to trust: colourants and white point are the D50-adapted
 * (Bradford) sRGB primaries every sRGB profile carries; the tone curve is sRGB's own, sampled at 1024 points.
 */

const D50: XYZ = [0.9642, 1.0, 0.8249]
type XYZ = [number, number, number]
const RED: XYZ = [0.4361, 0.2225, 0.0139]
const GREEN: XYZ = [0.3851, 0.7169, 0.0971]
const BLUE: XYZ = [0.1431, 0.0606, 0.7141]
export const SRGB_PROFILE_NAME = 'sRGB IEC61966-2.1'

class Writer {
  bytes: number[] = []
  u8(v: number) {
    this.bytes.push(v & 0xff)
  }
  u16(v: number) {
    this.u8(v >> 8)
    this.u8(v)
  }
  u32(v: number) {
    this.u16(Math.floor(v / 65536))
    this.u16(v & 0xffff)
  }
  ascii(s: string) {
    for (const c of s) this.u8(c.charCodeAt(0))
  }
  s15f16(v: number) {
    const n = Math.round(v * 65536)
    this.u32(n < 0 ? n + 2 ** 32 : n)
  }
  pad() {
    while (this.bytes.length % 4) this.u8(0)
  }
}

function tag(build: (w: Writer) => void): number[] {
  const w = new Writer()
  build(w)
  w.pad()
  return w.bytes
}

const xyz = (v: XYZ) => tag((w) => (w.ascii('XYZ '), w.u32(0), v.forEach((c) => w.s15f16(c))))
const text = (s: string) => tag((w) => (w.ascii('text'), w.u32(0), w.ascii(s), w.u8(0)))
const desc = (s: string) =>
  tag((w) => {
    w.ascii('desc')
    w.u32(0)
    w.u32(s.length + 1)
    w.ascii(s)
    w.u8(0)
    w.u32(0) // Unicode language code
    w.u32(0) // Unicode count
    w.u16(0) // ScriptCode code
    w.u8(0) // ScriptCode count
    for (let i = 0; i < 67; i++) w.u8(0)
  })
const curve = () =>
  tag((w) => {
    w.ascii('curv')
    w.u32(0)
    const n = 1024
    w.u32(n)
    for (let i = 0; i < n; i++) {
      const c = i / (n - 1)
      const lin = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      w.u16(Math.round(lin * 65535))
    }
  })

/** The profile's bytes (about 2.6 KB). */
export function srgbIccProfile(): Uint8Array {
  const trc = curve()
  const tags: Array<[string, number[]]> = [
    ['desc', desc(SRGB_PROFILE_NAME)],
    ['cprt', text('No copyright, use freely')],
    ['wtpt', xyz(D50)],
    ['rXYZ', xyz(RED)],
    ['gXYZ', xyz(GREEN)],
    ['bXYZ', xyz(BLUE)],
    ['rTRC', trc],
    ['gTRC', trc],
    ['bTRC', trc],
  ]
  // One copy of each distinct tag body: the three tone curves share theirs.
  const bodies: number[][] = []
  const at: number[] = []
  const tableEnd = 128 + 4 + tags.length * 12
  let offset = tableEnd
  for (const [, body] of tags) {
    const same = bodies.indexOf(body)
    if (same >= 0) {
      at.push(at[tags.findIndex(([, b]) => b === body)])
      continue
    }
    bodies.push(body)
    at.push(offset)
    offset += body.length
  }
  const w = new Writer()
  w.u32(offset) // profile size
  w.u32(0) // preferred CMM
  w.u32(0x02100000) // version 2.1
  w.ascii('mntr')
  w.ascii('RGB ')
  w.ascii('XYZ ')
  for (const v of [2026, 1, 1, 0, 0, 0]) w.u16(v) // creation date (fixed: the profile never changes)
  w.ascii('acsp')
  for (let i = 0; i < 5; i++) w.u32(0) // platform, flags, manufacturer, model, attributes (high)
  w.u32(0) // attributes (low)
  w.u32(0) // rendering intent: perceptual
  D50.forEach((c) => w.s15f16(c)) // PCS illuminant
  w.u32(0) // creator
  while (w.bytes.length < 128) w.u8(0) // profile ID (none in v2) and reserved
  w.u32(tags.length)
  tags.forEach(([sig, body], i) => {
    w.ascii(sig)
    w.u32(at[i])
    w.u32(body.length)
  })
  for (const b of bodies) w.bytes.push(...b)
  return Uint8Array.from(w.bytes)
}
