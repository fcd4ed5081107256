/**
 * Fuzz: ≥10,000 mutated signed envelopes posted in-process (fastify.inject, real verification), plus a smaller run
 * over HTTP against the real process. No answer may be a 5xx, every refusal is coded, and nothing is accepted unless
 * the envelope bytes are exactly the signed original (a mutation in an unsigned part of the CMS may leave it valid).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORDS, b64, envelope, inProcessGateway, login, putInProcess, putOverHttp, signedBody, startGatewayProcess, uploadScans } from '../support/gateway-helpers'

/** Deterministic PRNG so a failure can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const b = Buffer.from(src)
  const kind = Math.floor(rnd() * 6)
  const at = Math.floor(rnd() * b.length)
  switch (kind) {
    case 0: { // flip one bit
      b[at] ^= 1 << Math.floor(rnd() * 8)
      return b
    }
    case 1: { // random byte (always a different one)
      b[at] = (b[at] + 1 + Math.floor(rnd() * 255)) & 0xff
      return b
    }
    case 2: // truncate
      return b.subarray(0, at)
    case 3: { // delete a run
      const n = 1 + Math.floor(rnd() * 8)
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + n))])
    }
    case 4: { // insert random bytes
      const n = 1 + Math.floor(rnd() * 8)
      const ins = Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)))
      return Buffer.concat([b.subarray(0, at), ins, b.subarray(at)])
    }
    default: { // duplicate a slice (length fields in DER, repeated keys in JSON)
      const n = 1 + Math.floor(rnd() * 16)
      return Buffer.concat([b.subarray(0, at + n), b.subarray(at, at + n), b.subarray(at + n)])
    }
  }
}

interface Tally { total: number; accepted: number; byCode: Record<string, number> }

function check(status: number, body: { code?: string; registrationNumber?: string }, envChanged: boolean, tally: Tally) {
  tally.total++
  expect(status, `answer ${status} ${JSON.stringify(body)}`).toBeLessThan(500)
  if (status === 201 || status === 200) {
    tally.accepted++
    // Accepted only when the signed bytes themselves are untouched.
    expect(envChanged).toBe(false)
    return
  }
  expect(status).toBeGreaterThanOrEqual(400)
  expect(typeof body.code).toBe('string')
  tally.byCode[body.code!] = (tally.byCode[body.code!] ?? 0) + 1
}

describe('fuzz', () => {
  const g = inProcessGateway()
  let token = ''
  let original: { envelope: string; signature: string; bytes: Uint8Array }
  let sigBytes: Uint8Array

  beforeAll(async () => {
    const r = await g.gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'operator1', password: PASSWORDS.operator } })
    token = r.json().token
    await uploadScans(putInProcess(g.gw.app, token))
    original = await signedBody(envelope({}, { childFullName: 'Тестов Әли "q" \\ ü' }))
    sigBytes = Buffer.from(original.signature, 'base64')
  })
  afterAll(async () => {
    await g.close()
  })

  it('10,000 mutated envelopes in-process: no 5xx, nothing invalid accepted', async () => {
    const rnd = prng(20261122)
    const tally: Tally = { total: 0, accepted: 0, byCode: {} }
    const N = 10_000
    for (let i = 0; i < N; i++) {
      // Half mutate the envelope (signature kept), half the CMS (envelope kept); a few mutate the JSON wrapper.
      const which = i % 20 === 19 ? 'wrapper' : i % 2 ? 'cms' : 'envelope'
      let payload: string
      let envChanged = false
      if (which === 'wrapper') {
        payload = Buffer.from(mutate(Buffer.from(JSON.stringify({ envelope: original.envelope, signature: original.signature })), rnd)).toString('latin1')
        envChanged = true
      } else if (which === 'envelope') {
        const m = mutate(original.bytes, rnd)
        envChanged = !Buffer.from(m).equals(Buffer.from(original.bytes))
        payload = JSON.stringify({ envelope: b64(m), signature: original.signature })
      } else {
        payload = JSON.stringify({ envelope: original.envelope, signature: b64(mutate(sigBytes, rnd)) })
      }
      const r = await g.gw.app.inject({
        method: 'POST', url: '/api/v1/requests', payload,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `fuzz-key-${i}` },
      })
      let body: { code?: string }
      try {
        body = r.json()
      } catch {
        body = {}
      }
      // A mangled wrapper that happens to stay valid JSON with the original fields is a legitimate acceptance.
      const wrapperIntact = which === 'wrapper' && (r.statusCode === 201 || r.statusCode === 200)
      check(r.statusCode, body, envChanged && !wrapperIntact, tally)
    }
    expect(tally.total).toBe(N)
    // Sanity: the fuzzer reached the signature checks, not only the JSON parser.
    expect(tally.byCode.GW_SIGNATURE_INVALID ?? 0).toBeGreaterThan(1000)
    expect(tally.byCode.GW_ENVELOPE_INVALID ?? 0).toBeGreaterThan(500)
    console.log('fuzz in-process', JSON.stringify(tally))
  }, 600_000)

  it('400 mutated envelopes over HTTP against the real process', async () => {
    const gw = await startGatewayProcess()
    try {
      const tok = await login(gw.url, 'operator1', PASSWORDS.operator)
      await uploadScans(putOverHttp(gw.url, tok))
      const rnd = prng(7)
      const tally: Tally = { total: 0, accepted: 0, byCode: {} }
      for (let i = 0; i < 400; i++) {
        const cms = i % 2 === 1
        const m = mutate(cms ? sigBytes : original.bytes, rnd)
        const envChanged = !cms && !Buffer.from(m).equals(Buffer.from(original.bytes))
        const r = await fetch(`${gw.url}/api/v1/requests`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json', 'idempotency-key': `http-fuzz-${i}` },
          body: JSON.stringify(cms ? { envelope: original.envelope, signature: b64(m) } : { envelope: b64(m), signature: original.signature }),
        })
        check(r.status, (await r.json()) as { code?: string }, envChanged, tally)
      }
      expect((await fetch(`${gw.url}/health`)).status).toBe(200)
      console.log('fuzz http', JSON.stringify(tally))
    } finally {
      await gw.stop()
    }
  }, 300_000)
})
