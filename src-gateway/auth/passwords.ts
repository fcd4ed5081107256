/**
 * Password hashing with scrypt (node:crypto). Stored form: `scrypt$N$r$p$saltB64$hashB64`, so parameters can grow
 * later without breaking old hashes. Comparison is constant-time.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

const N = 16384
const R = 8
const P = 1
const KEYLEN = 32

export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(password.normalize('NFC'), salt, KEYLEN, { N, r: R, p: P })
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`
}

export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [n, r, p] = parts.slice(1, 4).map(Number)
  const salt = Buffer.from(parts[4], 'base64')
  const expected = Buffer.from(parts[5], 'base64')
  const actual = scryptSync(password.normalize('NFC'), salt, expected.length, { N: n, r, p, maxmem: 64 * 1024 * 1024 })
  return timingSafeEqual(actual, expected)
}

/** A hash of nothing, compared against when the login is unknown, so timing does not reveal which logins exist. */
export const DUMMY_HASH = hashPassword('no-such-user')
