/**
 * The desk's diagnostics, run in main (where the keys, tokens and the network are): is the gateway there and which
 * version, how far this clock is from the gateway's, does the OCSP responder answer, are the CRLs current, is a TSA
 * configured and answering, which key stores and PKCS#11 modules/tokens are found, which versions run. Each check has a
 * short timeout and never throws: a down gateway is one failed check named "gateway", not a failed report.
 */
import { existsSync } from 'node:fs'
import type { DiagnosticCheck, DiagnosticsReport } from '../../../src-shared/bridge/channels/app'
import type { KeySummary } from '../crypto/key-service'
import { parseCrl } from '../../../src-shared/crypto'

export interface DiagnosticsDeps {
  runtime: 'electron' | 'browser-host'
  gatewayUrl: string
  appVersion: string
  now: () => Date
  listKeys: () => Promise<KeySummary[]>
  /** The desk's CRLs (DER/PEM). */
  crls: () => Promise<Uint8Array[]>
  pkcs11Modules: string[]
  /** The time-stamp authority, when this desk is configured with one (ARM_TSA_URL). */
  tsaUrl?: string
  fetch?: typeof fetch
}

const TIMEOUT_MS = 4_000
/** A clock further off than this breaks signing-time checks at the gateway. */
const SKEW_WARN_MS = 60_000

async function timed(f: typeof fetch, url: string, init: RequestInit = {}): Promise<Response> {
  const ctl = new AbortController()
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS)
  try {
    return await f(url, { ...init, signal: ctl.signal, redirect: 'error' })
  } finally {
    clearTimeout(timer)
  }
}

const failure = (id: DiagnosticCheck['id'], err: unknown, detail: DiagnosticCheck['detail'] = {}): DiagnosticCheck => ({
  id, status: 'failed', code: (err as { name?: string })?.name === 'AbortError' ? 'TIMEOUT' : 'GATEWAY_UNREACHABLE',
  detail: { ...detail, error: err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200) },
})

export async function runDiagnostics(deps: DiagnosticsDeps): Promise<DiagnosticsReport> {
  const f = deps.fetch ?? globalThis.fetch
  const base = deps.gatewayUrl.replace(/\/$/, '')
  const checks: DiagnosticCheck[] = []

  // gateway + clock skew (from the answer's Date header, 1 s resolution, half the round trip allowed)
  let gatewayVersion: string | null = null
  try {
    const t0 = Date.now()
    const res = await timed(f, `${base}/api/v1/health`)
    const t1 = Date.now()
    const body = (await res.json().catch(() => ({}))) as { version?: string; db?: string }
    gatewayVersion = body.version ?? null
    checks.push({ id: 'gateway', status: res.ok ? 'ok' : 'failed', ...(res.ok ? {} : { code: 'GW_UNAVAILABLE' }), detail: { url: base, http: res.status, version: gatewayVersion, db: body.db ?? null, roundTripMs: t1 - t0 } })
    const date = res.headers.get('date')
    if (date) {
      const skew = Date.parse(date) - (t0 + t1) / 2
      checks.push({ id: 'clock', status: Math.abs(skew) > SKEW_WARN_MS ? 'warning' : 'ok', detail: { skewMs: Math.round(skew), deskTime: deps.now().toISOString(), gatewayTime: new Date(Date.parse(date)).toISOString() } })
    } else checks.push({ id: 'clock', status: 'skipped', detail: { reason: 'no Date header' } })
  } catch (err) {
    checks.push(failure('gateway', err, { url: base }))
    checks.push({ id: 'clock', status: 'skipped', detail: { reason: 'the gateway did not answer' } })
  }

  // OCSP: any OCSP answer (even "malformed request" to an empty one) shows the responder is up.
  try {
    const res = await timed(f, `${base}/pki/ocsp`, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: new Uint8Array([0x30, 0x00]) })
    const type = res.headers.get('content-type') ?? ''
    checks.push({ id: 'ocsp', status: type.includes('ocsp-response') ? 'ok' : 'failed', ...(type.includes('ocsp-response') ? {} : { code: 'GW_UNAVAILABLE' }), detail: { url: `${base}/pki/ocsp`, http: res.status } })
  } catch (err) {
    checks.push(failure('ocsp', err, { url: `${base}/pki/ocsp` }))
  }

  // CRL freshness: the desk's own CRLs, by their nextUpdate.
  try {
    const now = deps.now().getTime()
    const crls = (await deps.crls()).map((der) => parseCrl(der).crl)
    const next = crls.map((c) => c.nextUpdate?.value.getTime() ?? null)
    const stale = next.filter((n) => n !== null && n < now).length
    const soonest = Math.min(...next.filter((n): n is number => n !== null))
    checks.push({ id: 'crl', status: crls.length === 0 ? 'warning' : stale ? 'failed' : 'ok', ...(stale ? { code: 'CRL_STALE' } : {}), detail: { count: crls.length, stale, nextUpdate: Number.isFinite(soonest) ? new Date(soonest).toISOString() : null } })
  } catch (err) {
    checks.push({ id: 'crl', status: 'failed', code: 'CRL_CORRUPT', detail: { error: err instanceof Error ? err.message.slice(0, 200) : String(err) } })
  }

  // TSA
  if (!deps.tsaUrl) checks.push({ id: 'tsa', status: 'skipped', detail: { reason: 'no time-stamp authority configured (ARM_TSA_URL)' } })
  else {
    try {
      const res = await timed(f, deps.tsaUrl, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: new Uint8Array([0x30, 0x00]) })
      checks.push({ id: 'tsa', status: res.status < 500 ? 'ok' : 'failed', detail: { url: deps.tsaUrl, http: res.status } })
    } catch (err) {
      checks.push(failure('tsa', err, { url: deps.tsaUrl }))
    }
  }

  // key stores and tokens
  try {
    const keys = await deps.listKeys()
    const by = (s: KeySummary['source']) => keys.filter((k) => k.source === s).length
    checks.push({ id: 'keys', status: keys.length ? 'ok' : 'warning', detail: { total: keys.length, pkcs12: by('pkcs12'), pkcs11: by('pkcs11'), ncalayer: by('ncalayer') } })
    const found = deps.pkcs11Modules.filter((m) => existsSync(m))
    checks.push({
      id: 'pkcs11',
      status: deps.pkcs11Modules.length === 0 ? 'skipped' : found.length < deps.pkcs11Modules.length ? 'failed' : by('pkcs11') ? 'ok' : 'warning',
      detail: { modules: deps.pkcs11Modules.join(':') || null, modulesFound: found.length, tokenKeys: by('pkcs11') },
    })
  } catch (err) {
    checks.push({ id: 'keys', status: 'failed', code: (err as { code?: string })?.code ?? 'PKCS11_MODULE_FAILED', detail: { error: err instanceof Error ? err.message.slice(0, 200) : String(err) } })
  }

  checks.push({ id: 'versions', status: 'ok', detail: { app: deps.appVersion, gateway: gatewayVersion, node: process.versions.node, electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null, platform: `${process.platform}-${process.arch}` } })
  return { format: 'arm.diagnostics/1', at: deps.now().toISOString(), runtime: deps.runtime, checks }
}
