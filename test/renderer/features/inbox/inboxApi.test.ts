/**
 * The inbox rules as data (deadline marks on the working-day calendar, filters, sort, decision validation, board,
 * survey store) and the provider calls over the one gateway client, against the real gateway: take, GW_ALREADY_TAKEN, a decision document built by the
 * workstation and signed with the specialist's demo key accepted (REFUSED / RESULT_READY), another person's signature
 * refused with GW_SIGNER_MISMATCH.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalog } from '../../../../src-shared/catalog'
import { deadline } from '../../../../src-shared/calendar'
import { bytesToBase64, canonicalJson } from '../../../../src-shared/envelope'
import type { InboxItem } from '../../../../src-shared/gateway/api'
import { Gateway } from '../../../../src-renderer/gateway/client'
import { providerApi } from '../../../../src-renderer/gateway/provider'
import { buildDecision, checkDraft, decisionTemplates, refusalGrounds, type DecisionDraft } from '../../../../src-renderer/features/inbox/decision/model'
import { decisionBytes, findTemplate, parseDecisionBytes, prefillValues } from '../../../../src-shared/results'
import { chooseKey } from '../../../../src-renderer/bridge/crypto'
import { applyFilter, deadlineMark, sortRows, toRow } from '../../../../src-renderer/features/inbox/model'
import { buildBoard } from '../../../../src-renderer/features/supervision/board'
import { decisionFor, IIN, signWith } from '../../../support/gateway-helpers'
import { startTestGateway, type TestGateway } from '../../../support/inbox-gateway'

const SERVICE = catalog.get('akimat.preschool-queue')
const H = 3_600_000
/** Monday 14 Dec 2026, 10:00 in Astana; 16 Dec (Independence Day) is a day off inside the term. */
const T0 = Date.parse('2026-12-14T05:00:00Z')

function item(over: Partial<InboxItem>): InboxItem {
  return {
    requestId: 'r', registrationNumber: 'GW-1', serviceId: SERVICE.id, departmentId: 'akimat-astana-education', status: 'REGISTERED',
    receivedAt: new Date(T0).toISOString(), envelope: { applicant: { kind: 'person', iin: '830717350867' } }, envelopeBytes: '', signature: '', ...over,
  }
}

describe('inbox rows: regulated deadline and marks', () => {
  const due = deadline(new Date(T0), SERVICE.terms.regulated).getTime()

  it('deadline is the calendar deadline of the catalogue term; a public holiday inside the term pushes it later than the same term in plain days', () => {
    const row = toRow(item({}), catalog, 'ru', T0)
    expect(row.deadlineAt).toBe(due)
    expect(SERVICE.terms.regulated.unit).toBe('workingDays')
    // 14 Dec + N working days skips the 16 Dec holiday: strictly more than N calendar days later.
    expect(due - T0).toBeGreaterThan(SERVICE.terms.regulated.amount * 24 * H)
    expect(row.applicantMasked).toBe('8307******67')
    expect(row.serviceName).toBe(SERVICE.shortName.ru)
    // the assignee by name from the gateway (the list shows it, never the account id)
    expect(toRow(item({ assigneeId: 'u-7f3a', assigneeName: 'Беков Ерлан' }), catalog, 'ru', T0)).toMatchObject({ assigneeId: 'u-7f3a', assigneeName: 'Беков Ерлан' })
  })

  it('ok → near (under a day or a quarter of the term left) → overdue; decided requests carry no deadline mark', () => {
    expect(deadlineMark('REGISTERED', T0, due, T0 + H)).toBe('ok')
    expect(deadlineMark('IN_PROCESSING', T0, due, due - 2 * H)).toBe('near')
    expect(deadlineMark('IN_PROCESSING', T0, due, due - (due - T0) * 0.2)).toBe('near')
    expect(deadlineMark('IN_PROCESSING', T0, due, due + 60_000)).toBe('overdue')
    expect(deadlineMark('REFUSED', T0, due, due + 10 * 24 * H)).toBe('settled')
    expect(deadlineMark('RESULT_READY', T0, due, due + H)).toBe('settled')
    expect(toRow(item({ serviceId: 'no.such-service' }), catalog, 'ru', T0).mark).toBe('unknown')
  })

  it('filters mine / unassigned / overdue and the sort (most urgent first, unknown deadlines last, either direction)', () => {
    const now = due + H
    const rows = [
      toRow(item({ requestId: 'a', registrationNumber: 'GW-A' }), catalog, 'ru', now),
      toRow(item({ requestId: 'b', registrationNumber: 'GW-B', receivedAt: new Date(T0 + 48 * H).toISOString(), assigneeId: 'me' }), catalog, 'ru', now),
      toRow(item({ requestId: 'c', registrationNumber: 'GW-C', serviceId: 'no.such-service' }), catalog, 'ru', now),
      toRow(item({ requestId: 'd', registrationNumber: 'GW-D', status: 'REFUSED', assigneeId: 'me' }), catalog, 'ru', now),
    ]
    expect(applyFilter(rows, 'mine', 'me').map((r) => r.requestId)).toEqual(['b', 'd'])
    expect(applyFilter(rows, 'mine', undefined)).toEqual([])
    expect(applyFilter(rows, 'unassigned', 'me').map((r) => r.requestId)).toEqual(['a', 'c'])
    expect(applyFilter(rows, 'overdue', 'me').map((r) => r.requestId)).toEqual(['a'])
    expect(sortRows(rows, { key: 'leftMs', dir: 'asc' }).map((r) => r.requestId)).toEqual(['a', 'd', 'b', 'c'])
    expect(sortRows(rows, { key: 'leftMs', dir: 'desc' }).map((r) => r.requestId)).toEqual(['b', 'a', 'd', 'c'])
    expect(sortRows(rows, { key: 'registrationNumber', dir: 'desc' }).map((r) => r.requestId)).toEqual(['d', 'c', 'b', 'a'])
  })

  it('the supervisor board counts per status, ЦОН and department and lists the overdue ones', () => {
    const items = [
      item({ requestId: 'a', registrationNumber: 'GW-A', tsonId: 'tson-astana-1' }),
      item({ requestId: 'b', registrationNumber: 'GW-B', tsonId: 'tson-astana-1', status: 'IN_PROCESSING', receivedAt: new Date(due).toISOString() }),
      item({ requestId: 'c', registrationNumber: 'GW-C', status: 'REFUSED' }),
    ]
    const b = buildBoard(items, catalog, 'ru', due + H)
    expect(b.total).toBe(3)
    expect(b.byStatus).toEqual([{ status: 'REGISTERED', count: 1 }, { status: 'IN_PROCESSING', count: 1 }, { status: 'REFUSED', count: 1 }])
    expect(b.byTson).toEqual([{ tsonId: 'tson-astana-1', count: 2, overdue: 1 }, { tsonId: '—', count: 1, overdue: 0 }])
    expect(b.byDepartment).toEqual([{ departmentId: 'akimat-astana-education', count: 3, overdue: 1 }])
    expect(b.overdue.map((r) => r.requestId)).toEqual(['a'])
    expect(b.decided.map((r) => r.requestId)).toEqual(['c'])
  })
})

describe('decision form rules', () => {
  const SIGNER = { role: 'specialist' as const, name: 'Беков Ерлан', position: { kk: 'Маман', ru: 'Специалист', en: 'Specialist' }, iin: IIN.specialist }
  const APPLICANT = { kind: 'person' as const, iin: IIN.operator, name: 'Асанова Айгерим Серікқызы' }
  const draft = (templateId: string, values: Record<string, unknown> = {}, reason: Partial<DecisionDraft> = {}): DecisionDraft => ({ templateId, values, reasonCode: '', reasonText: '', ...reason })

  it('every result subtype and refusal form of the service can be chosen; a refusal cites the grounds of the "refused" stage', () => {
    expect(decisionTemplates(SERVICE).map((t) => `${t.kind}:${t.id}`)).toEqual(['result:referral', 'result:queue-notice', 'refusal:refusal-form'])
    const guardianship = catalog.get('akimat.guardianship-certificate')
    const [noRecord, letter] = decisionTemplates(guardianship).filter((t) => t.kind === 'refusal')
    expect(refusalGrounds(guardianship, noRecord).map((g) => g.code)).toEqual(['M7'])
    expect(refusalGrounds(guardianship, letter).map((g) => g.code)).not.toContain('M7')
    expect(refusalGrounds(SERVICE).map((g) => g.code)).toEqual(['M4', 'OTHER'])
  })

  it('fields are checked with intake\'s rules per kind; a refusal needs a ground and a reason of at least 10 characters', () => {
    const refusal = findTemplate(SERVICE, 'refusal-form')
    expect(checkDraft(draft('refusal-form'), refusal, SERVICE, '2026-12-14').issues).toEqual([
      { field: 'applicantFio', code: 'FIELD_REQUIRED' },
      { field: 'childFio', code: 'FIELD_REQUIRED' },
      { field: 'headFio', code: 'FIELD_REQUIRED' },
      { field: 'reasonCode', code: 'FIELD_REQUIRED' },
      { field: 'reasonTextKk', code: 'FIELD_REQUIRED' },
      { field: 'reasonText', code: 'FIELD_REQUIRED' },
    ])
    const named = { applicantFio: 'Асанова А. С.', childFio: 'Асанов Б.', headFio: 'Жумабаев Е. К.' }
    expect(checkDraft(draft('refusal-form', named, { reasonCode: 'M7', reasonText: 'короткая', reasonTextKk: 'қысқа' }), refusal, SERVICE, '2026-12-14').issues).toEqual([
      { field: 'reasonCode', code: 'RESULT_REFUSAL_GROUND_UNKNOWN' },
      { field: 'reasonTextKk', code: 'FIELD_TOO_SHORT' },
      { field: 'reasonText', code: 'FIELD_TOO_SHORT' },
    ])
    const referral = findTemplate(SERVICE, 'referral')
    const r = checkDraft(draft('referral', { refNo: '2026-1', ddoNo: '12', city: 'Астана', street: 'Сатпаева, 18', childFio: 'Асанов Б.', childDob: '31.02.2021', address: 'Астана' }), referral, SERVICE, '2026-12-14')
    expect(r.issues).toEqual([{ field: 'childDob', code: 'DATE_FORMAT' }])
    const queue = findTemplate(SERVICE, 'queue-notice')
    expect(checkDraft(draft('queue-notice', { parentFio: 'Асанова А. С.', childFio: 'Асанов Б.', queueNo: '12a', specialistFio: 'Беков Е.' }), queue, SERVICE, '2026-12-14').issues).toEqual([{ field: 'queueNo', code: 'NUMBER_FORMAT' }])
  })

  it('the housing commission’s decision: No. and date required, the No. in its format, the date typed dd.MM.yyyy and not after today', () => {
    const housing = catalog.get('akimat.housing-queue')
    const notice = findTemplate(housing, 'registration-notice')
    const base = { fio: 'Асанова А. С.', address: 'Астана', category: 'многодетные семьи', n: '5', queueNo: '3', headFio: 'Төлегенов А.' }
    const issues = (v: Record<string, unknown>) => checkDraft(draft('registration-notice', { ...base, ...v }), notice, housing, '2026-12-14').issues
    expect(issues({})).toEqual([{ field: 'decisionDate', code: 'FIELD_REQUIRED' }, { field: 'decisionNo', code: 'FIELD_REQUIRED' }])
    expect(issues({ decisionDate: '15.12.2026', decisionNo: '№17' })).toEqual([{ field: 'decisionDate', code: 'DATE_IN_FUTURE' }, { field: 'decisionNo', code: 'FIELD_FORMAT' }])
    const ok = checkDraft(draft('registration-notice', { ...base, decisionDate: '14.12.2026', decisionNo: '17/2' }), notice, housing, '2026-12-14')
    expect(ok.issues).toEqual([])
    expect(ok.values).toMatchObject({ decisionDate: '2026-12-14', decisionNo: '17/2' })
    // The category the request chose is prefilled in words (all three languages), never as the option's code.
    const members = [{ iin: '221029616280', relation: 'child' }, { iin: '871008401427', relation: 'spouse' }]
    const pre = prefillValues(notice, { form: { category: 'large-family', familyMembers: members }, applicant: { kind: 'person' }, registries: {}, formFields: housing.fields })
    expect(pre.category).toEqual({ kk: 'көп балалы отбасылар', ru: 'многодетные семьи', en: 'large families' })
    // The family's size: the applicant and the members the request lists.
    expect(pre.n).toBe(3)
  })

  it('the signed document is the one schema: canonical JSON naming the request, service, template, applicant and signer', () => {
    const t = findTemplate(SERVICE, 'queue-notice')
    const d = draft('queue-notice', { parentFio: 'Асанова А. С.', childFio: 'Асанов Б.', queueNo: '318', specialistFio: 'Беков Е.' })
    const { values } = checkDraft(d, t, SERVICE, '2026-12-14')
    const doc = buildDecision({ registrationNumber: 'GW-9', service: SERVICE, template: t, values, draft: d, applicant: APPLICANT, signer: SIGNER, decidedAt: new Date(T0) })
    const text = new TextDecoder().decode(decisionBytes(doc))
    expect(text).toBe(canonicalJson(JSON.parse(text)))
    expect(parseDecisionBytes(decisionBytes(doc))).toMatchObject({ schema: 'arm.decision/1', registrationNumber: 'GW-9', templateId: 'queue-notice', kind: 'result', values: { queueNo: 318 } })
    // A document the gateway would refuse is refused before signing, with the gateway's code.
    expect(() => buildDecision({ registrationNumber: 'GW-9', service: SERVICE, template: t, values: { ...values, queueNo: 'x' }, draft: d, applicant: APPLICANT, signer: SIGNER, decidedAt: new Date(T0) })).toThrow(expect.objectContaining({ code: 'RESULT_FIELD_INVALID' }))
  })

  it('the key offered first is never guessed from its name (test/shared/crypto/key-choice.test.ts has the facts rule)', () => {
    const keys = [
      { keyRef: '1', label: 'operator-sign.p12', purposes: ['SIGN' as const] },
      { keyRef: '3', label: 'specialist-sign.p12', purposes: ['SIGN' as const] },
    ]
    expect(chooseKey(keys, 'SIGN', { iin: IIN.specialist })).toBeUndefined()
  })
})

describe('the provider calls over the one gateway client, against the real gateway', () => {
  let gw: TestGateway
  beforeAll(async () => {
    gw = await startTestGateway(T0)
  })
  afterAll(async () => {
    await gw?.close()
  })
  const apiFor = async (kind: 'specialist' | 'supervisor') => {
    const token = await gw.token(kind)
    return providerApi(new Gateway({ baseUrl: () => gw.url, token: () => token }))
  }

  it('inbox → take → GW_ALREADY_TAKEN for the second taker → refusal signed by the specialist → REFUSED; a foreign signature is GW_SIGNER_MISMATCH', async () => {
    const a = await gw.submit()
    const b = await gw.submit()
    const sp = await apiFor('specialist')
    const sup = await apiFor('supervisor')
    const me = await sp.me()
    expect(me).toMatchObject({ role: 'provider_specialist', iin: IIN.specialist })
    const list = await sp.inbox()
    expect(list.items.map((i) => i.registrationNumber)).toEqual(expect.arrayContaining([a.registrationNumber, b.registrationNumber]))
    expect(toRow(list.items.find((i) => i.requestId === a.requestId)!, catalog, 'ru', T0).mark).toBe('ok')

    expect(await sp.take(a.requestId)).toMatchObject({ status: 'IN_PROCESSING', assigneeId: me.id })
    await sup.take(b.requestId)
    await expect(sp.take(b.requestId)).rejects.toMatchObject({ code: 'GW_ALREADY_TAKEN' })
    expect((await sp.inbox({ mine: true })).items.map((i) => i.requestId)).toEqual([a.requestId])

    gw.clock.at = T0 + 2 * H
    const { bytes } = decisionFor(a.registrationNumber, { refusal: { code: 'M4', text: 'Свидетельство о рождении нечитаемо' } })
    const foreign = bytesToBase64(await signWith('operator-sign', bytes))
    await expect(sp.decide(a.requestId, { kind: 'refusal', payload: bytesToBase64(bytes), signature: foreign, reasonCode: 'M4' })).rejects.toMatchObject({ code: 'GW_SIGNER_MISMATCH' })
    const signature = bytesToBase64(await signWith('specialist-sign', bytes))
    const decided = await sp.decide(a.requestId, { kind: 'refusal', payload: bytesToBase64(bytes), signature, reasonCode: 'M4' })
    expect(decided.status).toBe('REFUSED')
    const st = await sup.status(a.registrationNumber)
    expect(st.result).toMatchObject({ kind: 'refusal', reasonCode: 'M4', signerIin: IIN.specialist })
    const res = await sup.result(a.registrationNumber)
    expect(res.document).toBe(bytesToBase64(bytes))
    // A result (kind 'result') on the request the supervisor took, signed with her certificate of another organisation
    // (the ЦОН's БИН): the gateway refuses it; reassigned to the specialist, it is decided with the department's key.
    const resBytes = decisionFor(b.registrationNumber, { templateId: 'queue-notice' }).bytes
    await expect(sup.decide(b.requestId, { kind: 'result', payload: bytesToBase64(resBytes), signature: bytesToBase64(await signWith('variants/variant-supervisor-other-org', resBytes)) })).rejects.toMatchObject({ code: 'GW_SIGNER_ORG_MISMATCH' })
    await expect(sp.decide(b.requestId, { kind: 'result', payload: bytesToBase64(resBytes), signature: bytesToBase64(await signWith('specialist-sign', resBytes)) })).rejects.toMatchObject({ code: 'GW_NOT_ASSIGNEE' })
    await sup.assign(b.requestId, me.id)
    const ok = await sp.decide(b.requestId, { kind: 'result', payload: bytesToBase64(resBytes), signature: bytesToBase64(await signWith('specialist-sign', resBytes)) })
    expect(ok.status).toBe('RESULT_READY')
    expect((await sp.status(b.registrationNumber)).result).toMatchObject({ kind: 'result', signerIin: IIN.specialist })
    // The supervisor's board from the same answer.
    const board = buildBoard((await sup.inbox()).items, catalog, 'ru', gw.clock.at)
    expect(Object.fromEntries(board.byStatus.map((s) => [s.status, s.count]))).toEqual({ RESULT_READY: 1, REFUSED: 1 })
    expect(board.decided.map((r) => r.requestId).sort()).toEqual([a.requestId, b.requestId].sort())
  })
})
