/**
 * The gateway over https with the region's CA pinned: a real gateway process serving https (GATEWAY_TLS_CERT/KEY) with
 * a server certificate from an OpenSSL-made region CA in a temp folder. The desk's pinned check (Node TLS for the host,
 * the verifier Electron's Chromium asks for the gateway host) accepts that chain and refuses one from another CA, a
 * wrong host name, and plain http outside development mode.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tls from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chainPinnedTo, gatewayCertificateVerifier, probeGateway, resolveGatewayTls } from '../../../../src-main/services/app/gateway-tls'

const ROOT = join(__dirname, '..', '..', '..', '..')
let dir: string
let gateway: ChildProcess
let url: string

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
function makeCa(name: string): void {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-subj', `/CN=${name}`, '-days', '30',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
}
function makeServer(name: string, ca: string, san: string): void {
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', '/CN=gateway')
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`)
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '30', '-extfile', `${name}.ext`)
}

/** The chain the server presents, as PEM, leaf first (what Chromium hands to setCertificateVerifyProc). */
function presentedChain(): Promise<string[]> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: u.hostname, port: Number(u.port), rejectUnauthorized: false }, () => {
      const pems: string[] = []
      let c: tls.DetailedPeerCertificate | undefined = s.getPeerCertificate(true)
      const seen = new Set<string>()
      while (c && c.raw && !seen.has(c.fingerprint256)) {
        seen.add(c.fingerprint256)
        pems.push(`-----BEGIN CERTIFICATE-----\n${c.raw.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`)
        c = c.issuerCertificate
      }
      s.end()
      resolve(pems)
    })
    s.on('error', reject)
  })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arm-gw-tls-'))
  makeCa('region-ca')
  makeCa('other-ca')
  makeServer('gateway', 'region-ca', 'IP:127.0.0.1,DNS:localhost')
  gateway = spawn(process.execPath, ['--import', 'tsx', 'src-gateway/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, GATEWAY_PORT: '0', GATEWAY_HOST: '127.0.0.1', GATEWAY_DB: join(dir, 'gw.sqlite'), GATEWAY_LOG_LEVEL: 'warn', GATEWAY_TLS_CERT: join(dir, 'gateway.crt'), GATEWAY_TLS_KEY: join(dir, 'gateway.key') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const on = (c: Buffer) => {
      out += c.toString()
      const m = /GATEWAY_LISTENING (https:\/\/\S+)/.exec(out)
      if (m) resolve(m[1])
    }
    gateway.stdout!.on('data', on)
    gateway.stderr!.on('data', on)
    gateway.once('exit', (code) => reject(new Error(`gateway exited ${code}: ${out}`)))
  })
}, 60_000)

afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    await new Promise<void>((r) => {
      gateway.once('exit', () => r())
      gateway.kill('SIGTERM')
    })
  }
  rmSync(dir, { recursive: true, force: true })
})

describe('gateway over https with the region CA pinned', () => {
  it('the real gateway serves https; the desk reaches /health through the pinned region CA only', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const pinned = resolveGatewayTls({ url, caFile: join(dir, 'region-ca.crt'), isPackaged: true, env: {} })
    expect(pinned.devHttp).toBe(false)
    expect(await probeGateway(pinned)).toBe(200)
    // Another CA (or the OS store) does not vouch for the gateway: refused as GATEWAY_INSECURE.
    const other = resolveGatewayTls({ url, caFile: join(dir, 'other-ca.crt'), isPackaged: true, env: {} })
    await expect(probeGateway(other)).rejects.toMatchObject({ code: 'GATEWAY_INSECURE' })
  })

  it('Chromium’s check for the gateway host (Electron setCertificateVerifyProc) trusts only chains of the pinned CA', async () => {
    const pems = await presentedChain()
    const regionCa = readFileSync(join(dir, 'region-ca.crt'), 'utf8')
    const otherCa = readFileSync(join(dir, 'other-ca.crt'), 'utf8')
    expect(chainPinnedTo(regionCa, '127.0.0.1', { pems })).toBe(true)
    expect(chainPinnedTo(otherCa, '127.0.0.1', { pems })).toBe(false)
    expect(chainPinnedTo(regionCa, 'gw.other-region.kz', { pems })).toBe(false)
    expect(chainPinnedTo(regionCa, '127.0.0.1', { pems: [otherCa] })).toBe(false) // a CA certificate is not the gateway
    expect(chainPinnedTo(regionCa, '127.0.0.1', { pems }, new Date(Date.now() + 400 * 86_400_000))).toBe(false) // expired
    const request = (hostname: string) => ({ hostname, certificate: { data: pems[0], issuerCert: pems[1] ? { data: pems[1] } : undefined } })
    const verdict = (caFile: string, hostname: string) =>
      new Promise<number>((r) => gatewayCertificateVerifier(resolveGatewayTls({ url, caFile, isPackaged: true, env: {} }))(request(hostname), r))
    expect(await verdict(join(dir, 'region-ca.crt'), '127.0.0.1')).toBe(0)
    expect(await verdict(join(dir, 'other-ca.crt'), '127.0.0.1')).toBe(-2)
    expect(await verdict(join(dir, 'region-ca.crt'), 'example.org')).toBe(-3) // not the gateway: Chromium's own check
  })

  it('plain http only in the marked development mode; https needs the CA file', () => {
    expect(resolveGatewayTls({ url: 'http://127.0.0.1:8787', isPackaged: false, env: {} }).devHttp).toBe(true)
    expect(resolveGatewayTls({ url: 'http://10.0.0.7:8787', isPackaged: true, env: { ARM_GATEWAY_DEV_HTTP: '1' } }).devHttp).toBe(true)
    for (const [u, packaged] of [['http://127.0.0.1:8787', true], ['http://10.0.0.7:8787', false], ['ftp://x', false], ['nonsense', false]] as const) {
      expect(() => resolveGatewayTls({ url: u, isPackaged: packaged, env: {} }), u).toThrow(expect.objectContaining({ code: 'GATEWAY_INSECURE' }))
    }
    expect(() => resolveGatewayTls({ url, isPackaged: true, env: {} })).toThrow(expect.objectContaining({ code: 'GATEWAY_INSECURE' }))
    expect(() => resolveGatewayTls({ url, caFile: join(dir, 'gateway.key'), isPackaged: true, env: {} })).toThrow(expect.objectContaining({ code: 'GATEWAY_INSECURE' }))
  })
})
