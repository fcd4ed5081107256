/**
 * The audit trail through the real gateway: one request from the operator's sign-in and citizen look-up to the
 * specialist's decision, read back by the supervisor with names, counted in the activity rollup, exported by the
 * auditor and checked with `arm audit-verify` (bin/arm.cjs as a process); a tampered export fails. Administration:
 * the admin creates an account that signs in, disables it (its session ends), and every change is in the trail.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bytesToBase64 } from '../../../src-shared/envelope'
import type { ActivityResponse, AuditPage } from '../../../src-shared/gateway/admin-api'
import { catalog } from '../../../src-shared/catalog'
import { runArm } from '../../../src-main/cli/arm'
import { decisionFor, IIN, PASSWORDS, ROOT, signWith } from '../../support/gateway-helpers'
import { startTestGateway, type TestGateway } from '../../support/inbox-gateway'

const T0 = Date.parse('2026-12-14T05:00:00Z')
const SERVICE = catalog.get('akimat.preschool-queue')

describe('audit trail and administration at the gateway', () => {
  let gw: TestGateway
  let dir: string
  const get = async <T>(path: string, token: string, headers: Record<string, string> = {}) => {
    const res = await fetch(gw.url + path, { headers: { authorization: `Bearer ${token}`, ...headers } })
    return { status: res.status, text: await res.text(), json: async () => undefined as T }
  }
  const getJson = async <T>(path: string, token: string): Promise<{ status: number; json: T }> => {
    const res = await fetch(gw.url + path, { headers: { authorization: `Bearer ${token}` } })
    return { status: res.status, json: (await res.json()) as T }
  }
  const signIn = async (login: string, password: string) => (await gw.post<{ token: string }>('/api/v1/auth/login', '', { login, password }))

  beforeAll(async () => {
    gw = await startTestGateway(T0)
    dir = mkdtempSync(join(tmpdir(), 'arm-audit-'))
  }, 60_000)
  afterAll(async () => {
    await gw?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('records one request from sign-in to decision; the export verifies with arm audit-verify, a tampered one does not', async () => {
    const op = await gw.token('operator')
    const look = await fetch(`${gw.url}/api/v1/registry/persons/${IIN.operator}?reason=draft-1`, { headers: { authorization: `Bearer ${op}`, 'x-arm-desk': 'desk-astana-07' } })
    expect(look.status).toBe(200)
    const a = await gw.submit()
    const sp = await gw.token('specialist')
    expect((await gw.post(`/api/v1/inbox/${a.requestId}/take`, sp)).status).toBe(200)
    const { bytes } = decisionFor(a.registrationNumber, { serviceId: SERVICE.id, refusal: { code: 'M4', text: 'Құжаттар оқылмайды' } })
    const decided = await gw.post<{ status: string }>(`/api/v1/inbox/${a.requestId}/decision`, sp, { kind: 'refusal', payload: bytesToBase64(bytes), signature: bytesToBase64(await signWith('specialist-sign', bytes)), reasonCode: 'M4' })
    expect(decided.json.status).toBe('REFUSED')

    // The supervisor reads the request's trail with names, in order.
    const sup = await gw.token('supervisor')
    const page = await getJson<AuditPage>(`/api/v1/audit?request=${a.requestId}`, sup)
    expect(page.status).toBe(200)
    expect(page.json.items.map((e) => [e.action, e.actorName])).toEqual([
      ['request.submit', 'Асанова Айгерим Серікқызы'], ['request.take', 'Беков Ерлан'], ['request.decide', 'Беков Ерлан'],
    ])
    // The look-up is recorded with the desk and the masked ИИН, never the full one.
    const auditor = (await signIn('auditor1', 'Auditor#2026')).json.token
    const lookups = await getJson<AuditPage>('/api/v1/audit?action=citizen.lookup', auditor)
    expect(lookups.json.items.at(-1)).toMatchObject({ desk: 'desk-astana-07' })
    expect(lookups.json.items.at(-1)?.detail).toContain('8307******67')
    expect(JSON.stringify(lookups.json)).not.toContain(IIN.operator)
    // Keyset pages: two at a time, no entry twice.
    const p1 = await getJson<AuditPage>('/api/v1/audit?limit=2', sup)
    const p2 = await getJson<AuditPage>(`/api/v1/audit?limit=2&after=${p1.json.next}`, sup)
    expect(p2.json.items[0].seq).toBeGreaterThan(p1.json.items[1].seq)

    // The dashboards' rollup: one submission for the operator, one decision for the specialist today.
    const act = await getJson<ActivityResponse>('/api/v1/supervision/activity?from=2026-12-14&to=2026-12-14', sup)
    const n = (action: string) => act.json.rows.filter((r) => r.action === action).reduce((x, r) => x + r.n, 0)
    expect([n('request.submit'), n('request.take'), n('request.decide')]).toEqual([1, 1, 1])
    expect(Object.values(act.json.actors).map((x) => x.name)).toContain('Беков Ерлан')

    // Only auditors and admins export; the export verifies with the documented command.
    expect((await get('/api/v1/audit/export', sup)).status).toBe(403)
    const exported = await get('/api/v1/audit/export', auditor)
    expect(exported.status).toBe(200)
    const file = join(dir, 'trail.jsonl')
    writeFileSync(file, exported.text)
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/arm.cjs'), 'audit-verify', file, '--request', a.requestId], { encoding: 'utf8' })
    expect(out).toMatch(/^PASSED: \d+ entries from #1, chain intact/)
    for (const action of ['auth.sign-in', 'request.submit', 'request.take', 'request.decide']) expect(out).toContain(action)

    // One changed field anywhere breaks the chain at that entry: exit 1 and the entry named.
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
    const victim = JSON.parse(lines[4]) as { seq: number; actorId: string }
    lines[4] = JSON.stringify({ ...victim, actorId: 'someone-else' })
    writeFileSync(file, lines.join('\n') + '\n')
    let stderr = ''
    const io = { stdout: () => undefined, stderr: (t: string) => void (stderr += t) }
    expect(await runArm(['audit-verify', file], io)).toBe(1)
    expect(stderr).toContain(`#${victim.seq}`)
    // A dropped entry too.
    writeFileSync(file, [...lines.slice(0, 3), ...lines.slice(4)].join('\n') + '\n')
    expect(await runArm(['audit-verify', file], io)).toBe(1)
  }, 60_000)

  it('the admin creates an account that signs in, disables it (its session ends); each change is audited; others are refused', async () => {
    const admin = (await signIn('admin', PASSWORDS.admin)).json.token
    const op = await gw.token('operator')
    expect((await gw.post('/api/v1/admin/users', op, {})).status).toBe(403)
    const weak = await gw.post<{ code: string }>('/api/v1/admin/users', admin, { login: 'newop', iin: null, password: 'short', role: 'tson_operator', displayName: 'Жаңа Оператор', tsonId: 'tson-astana-1', departmentId: null })
    expect(weak.json.code).toBe('ADMIN_PASSWORD_WEAK')
    const noUnit = await gw.post<{ code: string }>('/api/v1/admin/users', admin, { login: 'newop', iin: null, password: 'Newcomer#2026', role: 'tson_operator', displayName: 'Жаңа Оператор', tsonId: null, departmentId: null })
    expect(noUnit.json.code).toBe('ADMIN_UNIT_REQUIRED')
    const created = await gw.post<{ id: string }>('/api/v1/admin/users', admin, { login: 'newop', iin: null, password: 'Newcomer#2026', role: 'tson_operator', displayName: 'Жаңа Оператор', tsonId: 'tson-astana-1', departmentId: null })
    expect(created.status).toBe(201)
    expect((await gw.post<{ code: string }>('/api/v1/admin/users', admin, { login: 'newop', iin: null, password: 'Newcomer#2026', role: 'tson_operator', displayName: 'x x', tsonId: 'tson-astana-1', departmentId: null })).json.code).toBe('ADMIN_ACCOUNT_EXISTS')
    const session = await signIn('newop', 'Newcomer#2026')
    expect(session.status).toBe(200)
    const disable = await fetch(`${gw.url}/api/v1/admin/users/${created.json.id}`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ disabled: true }) })
    expect(disable.status).toBe(200)
    expect((await getJson('/api/v1/auth/me', session.json.token)).status).toBe(401)
    expect((await signIn('newop', 'Newcomer#2026')).status).toBe(401)
    const trail = await getJson<AuditPage>(`/api/v1/audit?actor=${(await getJson<{ id: string }>('/api/v1/auth/me', admin)).json.id}`, admin)
    expect(trail.json.items.map((e) => e.action).filter((x) => x.startsWith('admin.'))).toEqual(['admin.user-create', 'admin.user-update'])
    expect(JSON.stringify(trail.json)).not.toContain('Newcomer#2026')
    // The refused sign-in of the disabled account is in the trail too.
    const failed = await getJson<AuditPage>('/api/v1/audit?action=auth.sign-in-failed', admin)
    expect(failed.json.items.at(-1)?.detail).toContain('newop')
  }, 60_000)
})
