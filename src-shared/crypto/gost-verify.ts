/**
 * An independent GOST R 34.10-2012/2015 512-bit verifier on native BigInt (tc26 paramSetA = NCA's 1.2.398.3.10.1.1.2.2.1).
 * The verifier gostVerify512 uses (the pure-JS library's verify is about ten times slower and has a broken
 * modular-inverse branch that throws instead of answering); the tests hold it against the library and OpenSSL.
 * Conventions are KalkanCrypt's: public key X‖Y little-endian, digest read as a little-endian integer,
 * signature r‖s little-endian (64 bytes each).
 */
import { INF, ONE, P, Q, ZERO, add, baseMul, combMul, combTable, dbl, fp, inv, leToBigInt, mod, onCurve, type CombTable, type J } from './gost-ec'
import { streebog512 } from './streebog'

const WNAF = 5

/** k·X by a width-5 NAF (one addition per ~6 bits on average): X's odd multiples 1…15 are built per call. */
function mulVar(k: bigint, x: J): J {
  const odd: J[] = [x]
  const twice = dbl(x)
  for (let i = 1; i < 1 << (WNAF - 2); i++) odd.push(add(odd[i - 1], twice))
  const digits: number[] = []
  const full = BigInt(1 << WNAF)
  const half = 1 << (WNAF - 1)
  while (k > ZERO) {
    let d = 0
    if (k & ONE) {
      d = Number(k % full)
      if (d >= half) d -= 1 << WNAF
      k -= BigInt(d)
    }
    digits.push(d)
    k >>= ONE
  }
  let acc = INF
  for (let i = digits.length - 1; i >= 0; i--) {
    acc = dbl(acc)
    const d = digits[i]
    if (d > 0) acc = add(acc, odd[d >> 1])
    else if (d < 0) {
      const [px, py, pz] = odd[-d >> 1]
      acc = add(acc, [px, py === ZERO ? ZERO : P - py, pz])
    }
  }
  return acc
}

/**
 * Public keys seen before get a fixed-base table of their own, so z2·Q costs 104 additions instead of 512 doublings
 * and ~85 additions. Who verifies here verifies the same few keys again and again: the NCA CA's two keys in every
 * chain, and each operator's key in every envelope from that desk. A key gets its table on its second verification
 * (one-off keys never pay the build, the cost of 6–8 verifications); at most 16 tables are kept (~330 KB each).
 * When 16 are held, a newcomer takes the place of the least-used holder only if it has been seen more often: plain
 * recency would rebuild a table on every verification once more than 16 keys take turns (a gateway with 20 desks
 * would pay a table per envelope, five verifications' worth); by use, the busiest 16 keep theirs and the others stay
 * on the wNAF path. Counts are halved every 256 sightings so that yesterday's busy keys make way.
 */
const KEY_TABLES = 16
const KEYS_COUNTED = 4 * KEY_TABLES
const AGE_EVERY = 256
interface KeySightings {
  uses: number
  table: CombTable | null
}
const seen = new Map<string, KeySightings>()
let sightingsSinceAging = 0
function keyTable(qx: bigint, qy: bigint, sighting: boolean): CombTable | undefined {
  const id = qx.toString(36) + ':' + qy.toString(36)
  let entry = seen.get(id)
  if (!sighting) return entry?.table ?? undefined
  if (++sightingsSinceAging >= AGE_EVERY) {
    sightingsSinceAging = 0
    for (const e of seen.values()) e.uses >>= 1
  }
  if (entry) seen.delete(id)
  else entry = { uses: 0, table: null }
  entry.uses++
  seen.set(id, entry) // most recent last
  if (seen.size > KEYS_COUNTED) seen.delete(seen.keys().next().value as string) // its table, if any, goes with it
  if (entry.table || entry.uses < 2) return entry.table ?? undefined
  let holders = 0
  let leastUsed: KeySightings | undefined
  for (const e of seen.values()) {
    if (!e.table) continue
    holders++
    if (!leastUsed || e.uses < leastUsed.uses) leastUsed = e
  }
  if (holders >= KEY_TABLES) {
    if (!leastUsed || leastUsed.uses >= entry.uses) return undefined
    leastUsed.table = null
  }
  entry.table = combTable(qx, qy)
  tablesBuilt++
  return entry.table
}

let tablesBuilt = 0
/** Per-key tables held now and built since start (tests, diagnostics). */
export function keyTableStats(): { held: number; built: number } {
  let held = 0
  for (const e of seen.values()) if (e.table) held++
  return { held, built: tablesBuilt }
}

/** Verifies a KalkanCrypt-order signature over Streebog-512(data). */
export function gostVerify512BigInt(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): boolean {
  return gostVerify512Digest(publicKey, signature, streebog512(data))
}

/**
 * The same over a Streebog-512 digest computed elsewhere. `sighting: false` for a second attempt on the same key and
 * message (the other byte order): it uses the key's table if there is one but does not count as seeing the key again.
 */
export function gostVerify512Digest(publicKey: Uint8Array, signature: Uint8Array, digest: Uint8Array, sighting = true): boolean {
  if (publicKey.length !== 128 || signature.length !== 128 || digest.length !== 64) return false
  const qx = leToBigInt(publicKey.subarray(0, 64))
  const qy = leToBigInt(publicKey.subarray(64))
  if (qx >= P || qy >= P || !onCurve(qx, qy)) return false
  const r = leToBigInt(signature.subarray(0, 64))
  const s = leToBigInt(signature.subarray(64))
  if (r <= ZERO || r >= Q || s <= ZERO || s >= Q) return false
  let e = mod(leToBigInt(digest), Q)
  if (e === ZERO) e = ONE
  const v = inv(e, Q)
  const z1 = mod(s * v, Q)
  const z2 = mod(-r * v, Q)
  // z1·G over G's table, z2·Q over Q's table when the key is known, else by wNAF (z1, z2 ≠ 0 for r, s, e in range)
  const table = keyTable(qx, qy, sighting)
  const zq = z2 === ZERO ? INF : table ? combMul(table, z2) : mulVar(z2, [qx, qy, ONE])
  const [x, , z] = add(z1 === ZERO ? INF : baseMul(z1), zq)
  if (z === ZERO) return false
  // x/z² mod q = r without inverting z: the affine x is r or r + q (the only values below p that are ≡ r mod q)
  const zz = fp(z * z)
  return fp(r * zz) === x || (r + Q < P && fp((r + Q) * zz) === x)
}
