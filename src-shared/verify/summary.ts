/**
 * The plain-language words of a verification report, in kk/ru/en: the verdict a person reads first, each warning, and
 * the labels of the per-signature evidence. One table for the CLI, the report PDF and the workstation's screen.
 */
import { errorText, type Lang } from '../errors'
import { formatDate, formatDateTime } from '../format'
import type { DocumentVerification, SignatureEvidence, Verdict, VerifyWarning } from './verify'

type L = Record<Lang, string>

export const VERDICT_TEXT: Record<Verdict, L> = {
  valid: {
    kk: 'Құжат түпнұсқа: қолтаңба жарамды, құжат қол қойылғаннан кейін өзгертілмеген.',
    ru: 'Документ подлинный: подпись действительна, документ не изменялся после подписания.',
    en: 'The document is genuine: the signature is valid and the document has not changed since it was signed.',
  },
  tampered: {
    kk: 'Құжат ӨЗГЕРТІЛГЕН немесе жалған: оны қабылдамаңыз.',
    ru: 'Документ ИЗМЕНЁН или поддельный: не принимайте его.',
    en: 'The document was ALTERED or is forged: do not accept it.',
  },
  revoked: {
    kk: 'Қол қоюшының сертификаты кері қайтарылған: құжатты қабылдамаңыз, берген органға хабарласыңыз.',
    ru: 'Сертификат подписавшего отозван: не принимайте документ, обратитесь в выдавший орган.',
    en: 'The signer’s certificate was revoked: do not accept the document; contact the issuing body.',
  },
  unknown: {
    kk: 'Мұндай құжат берілмеген: нөмірді тексеріңіз, сәйкес келсе — құжат жалған.',
    ru: 'Такой документ не выдавался: сверьте номер; если он совпадает — документ поддельный.',
    en: 'No such document was issued: check the number; if it matches, the document is forged.',
  },
  indeterminate: {
    kk: 'Құжатты қазір тексеру мүмкін болмады: себебін төменнен оқып, кейінірек қайталаңыз.',
    ru: 'Проверить документ сейчас не удалось: причина указана ниже, повторите позже.',
    en: 'The document could not be checked now: the reason is below; try again later.',
  },
}

export const VERDICT_WORD: Record<Verdict, L> = {
  valid: { kk: 'ЖАРАМДЫ', ru: 'ДЕЙСТВИТЕЛЕН', en: 'VALID' },
  tampered: { kk: 'ӨЗГЕРТІЛГЕН', ru: 'ИЗМЕНЁН', en: 'TAMPERED' },
  revoked: { kk: 'КЕРІ ҚАЙТАРЫЛҒАН', ru: 'ОТОЗВАН', en: 'REVOKED' },
  unknown: { kk: 'БЕЛГІСІЗ', ru: 'НЕИЗВЕСТЕН', en: 'UNKNOWN' },
  indeterminate: { kk: 'АНЫҚТАЛМАДЫ', ru: 'НЕ ОПРЕДЕЛЁН', en: 'INDETERMINATE' },
}

/** The chain's and the revocation check's outcome in words (the report never shows the verifier's internal codes). */
const CHAIN_TEXT: Record<SignatureEvidence['chainStatus'], L> = {
  trusted: { kk: 'сенімді', ru: 'доверенная', en: 'trusted' },
  untrusted: { kk: 'сенімсіз', ru: 'недоверенная', en: 'untrusted' },
  'invalid-signature': { kk: 'тізбектегі қолтаңба жарамсыз', ru: 'подпись в цепочке недействительна', en: 'a signature in the chain is invalid' },
  'ca-invalid': { kk: 'куәландырушы орталық жарамсыз', ru: 'удостоверяющий центр недействителен', en: 'the certification authority is not valid' },
  'not-checked': { kk: 'тексерілмеді', ru: 'не проверялась', en: 'not checked' },
}
const REVOCATION_TEXT: Record<SignatureEvidence['revocation']['status'], L> = {
  good: { kk: 'кері қайтарылмаған', ru: 'не отозван', en: 'not revoked' },
  revoked: { kk: 'кері қайтарылған', ru: 'отозван', en: 'revoked' },
  unknown: { kk: 'белгісіз', ru: 'неизвестно', en: 'unknown' },
  'not-checked': { kk: 'тексерілмеді', ru: 'не проверялся', en: 'not checked' },
}

export const WARNING_TEXT: Record<VerifyWarning, L> = {
  TEST_TRUST: { kk: 'Тестілік НУЦ тізбегі: тек сынақ үшін.', ru: 'Тестовая цепочка НУЦ: только для испытаний.', en: 'Test НУЦ chain: for trials only.' },
  NO_TIMESTAMP: {
    kk: 'Уақыт белгісі жоқ (CAdES-BES): қол қою уақыты қол қоюшының өз сөзі.',
    ru: 'Нет метки времени (CAdES-BES): время подписания указано самим подписавшим.',
    en: 'No timestamp (CAdES-BES): the signing time is the signer’s own claim.',
  },
  REVOCATION_NOT_CHECKED: { kk: 'Кері қайтарылуы тексерілмеді (CRL/OCSP жоқ).', ru: 'Отзыв не проверен (нет CRL/OCSP).', en: 'Revocation was not checked (no CRL/OCSP).' },
  OFFLINE_ONLY: {
    kk: 'Тек офлайн тексерілді: шлюздегі тіркеу тексерілмеді.',
    ru: 'Проверено только офлайн: регистрация на шлюзе не проверялась.',
    en: 'Checked offline only: the gateway’s register was not asked.',
  },
  ONLINE_UNREACHABLE: { kk: 'Шлюз жауап бермеді: онлайн тексеру орындалмады.', ru: 'Шлюз не ответил: онлайн-проверка не выполнена.', en: 'The gateway did not answer: no online check.' },
  CARD_BARCODE_NOT_READ: {
    kk: 'Карточка бетіндегі штрих-код оқылмады: тек тіркелген құжат пен ЭЦҚ тексерілді.',
    ru: 'Штрих-код на странице карточки не прочитан: проверены только вложенные документ и ЭЦП.',
    en: 'The barcode on the card’s page was not read: only the attached document and signature were checked.',
  },
  NO_SIGNATURE_OFFLINE: {
    kk: 'Қолмен енгізілген өрістерде қолтаңба жоқ: тек шлюз растай алады.',
    ru: 'В введённых вручную полях нет подписи: подтвердить может только шлюз.',
    en: 'Typed fields carry no signature: only the gateway can confirm them.',
  },
}

export const REPORT_LABELS = {
  title: { kk: 'Құжатты тексеру хаттамасы', ru: 'Протокол проверки документа', en: 'Document verification report' },
  number: { kk: 'Бірегей нөмір', ru: 'Уникальный номер', en: 'Unique number' },
  hash: { kk: 'Құжат хэші (SHA-256)', ru: 'Хэш документа (SHA-256)', en: 'Document hash (SHA-256)' },
  source: { kk: 'Дерек көзі', ru: 'Источник', en: 'Source' },
  sourceBarcode: { kk: 'штрих-код (офлайн тексеру)', ru: 'штрих-код (офлайн-проверка)', en: 'barcode (offline check)' },
  sourceTyped: { kk: 'қолмен енгізілген өрістер', ru: 'введённые вручную поля', en: 'typed fields' },
  sourceResult: { kk: 'қол қойылған нәтиже (шлюздегі)', ru: 'подписанный результат (со шлюза)', en: 'signed result (from the gateway)' },
  sourceRequest: { kk: 'операторның қол қойылған өтініші', ru: 'подписанное оператором заявление', en: 'the operator’s signed request' },
  sourceCard: { kk: 'электрондық құжат карточкасы (тіркелген құжат пен ЭЦҚ)', ru: 'электронная карточка документа (вложенные документ и ЭЦП)', en: 'digital document card (attached document and signature)' },
  level: { kk: 'Қолтаңба пішімі', ru: 'Формат подписи', en: 'Signature format' },
  algorithm: { kk: 'Қолтаңба алгоритмі', ru: 'Алгоритм подписи', en: 'Signature algorithm' },
  levelBes: { kk: 'CAdES-BES — сенімді уақыт белгісі жоқ', ru: 'CAdES-BES — без доверенной метки времени', en: 'CAdES-BES — no trusted timestamp' },
  levelT: { kk: 'CAdES-T — НУЦ уақыт белгісімен', ru: 'CAdES-T — с меткой времени НУЦ', en: 'CAdES-T — with the НУЦ timestamp' },
  service: { kk: 'Қызмет', ru: 'Услуга', en: 'Service' },
  issued: { kk: 'Берілген күні', ru: 'Дата выдачи', en: 'Issued' },
  issuer: { kk: 'Берген орган', ru: 'Выдавший орган', en: 'Issuer' },
  holder: { kk: 'Иесі', ru: 'Получатель', en: 'Holder' },
  signature: { kk: 'Қолтаңба', ru: 'Подпись', en: 'Signature' },
  indication: { kk: 'Қорытынды (индикация)', ru: 'Индикация', en: 'Indication' },
  signer: { kk: 'Қол қоюшы', ru: 'Подписавший', en: 'Signer' },
  certificate: { kk: 'Сертификат', ru: 'Сертификат', en: 'Certificate' },
  chain: { kk: 'Сенім тізбегі', ru: 'Цепочка доверия', en: 'Chain' },
  revocation: { kk: 'Кері қайтарылуы', ru: 'Отзыв', en: 'Revocation' },
  signingTime: { kk: 'Қол қою уақыты (мәлімделген)', ru: 'Время подписания (заявленное)', en: 'Signing time (claimed)' },
  timestamp: { kk: 'Уақыт белгісі', ru: 'Метка времени', en: 'Timestamp' },
  bestTime: { kk: 'Қол қоюдың ең сенімді уақыты', ru: 'Наилучшее время подписи', en: 'Best signature time' },
  warnings: { kk: 'Ескертулер', ru: 'Предупреждения', en: 'Warnings' },
  online: { kk: 'Шлюздің жауабы', ru: 'Ответ шлюза', en: 'Gateway answer' },
  checkedAt: { kk: 'Тексерілген уақыты', ru: 'Время проверки', en: 'Checked at' },
  none: { kk: 'жоқ', ru: 'нет', en: 'none' },
} satisfies Record<string, L>

/** The sentence that explains a non-valid verdict's code, after the verdict sentence. */
export function verdictReason(v: DocumentVerification, lang: Lang): string | undefined {
  return v.verdict === 'valid' || !v.errorCode ? undefined : errorText(v.errorCode, lang)
}

export interface ReportSection {
  title: string
  /** Label → value rows, in reading order. */
  rows: Array<[string, string]>
  /** How the section's indication reads at a glance. */
  tone: 'ok' | 'bad' | 'warn' | 'plain'
}

/** The report as a person reads it, in one language: headline, plain summary, sections, warnings. */
export interface ReportModel {
  verdict: Verdict
  headline: string
  summary: string[]
  sections: ReportSection[]
  warnings: string[]
}

const toneOf = (indication: string): ReportSection['tone'] => (indication === 'PASSED' ? 'ok' : indication === 'FAILED' ? 'bad' : 'warn')

/**
 * The DSS / DigiDoc4-like report of a verification: the document (number, hash, source, service, issue date, issuer,
 * masked holder), each signature (indication and sub-indication, signer, certificate, chain, revocation evidence and
 * its time, claimed signing time, timestamp, best signature time), the gateway's answer and the warnings.
 */
export function reportModel(v: DocumentVerification, lang: Lang, serviceName?: string): ReportModel {
  const L = REPORT_LABELS
  const t = (k: keyof typeof REPORT_LABELS) => L[k][lang]
  const doc: Array<[string, string]> = []
  if (v.registrationNumber) doc.push([t('number'), v.registrationNumber])
  if (v.sha256) doc.push([t('hash'), v.sha256])
  const sourceLabel = { barcode: 'sourceBarcode', typed: 'sourceTyped', result: 'sourceResult', request: 'sourceRequest', card: 'sourceCard' } as const
  doc.push([t('source'), t(sourceLabel[v.source])])
  const online = v.online && !('error' in v.online) ? v.online : undefined
  const service = serviceName ?? online?.serviceName?.[lang] ?? v.document?.serviceId ?? online?.serviceId
  if (service) doc.push([t('service'), service])
  const issued = v.document?.issuedAt ?? online?.issuedAt
  if (issued) doc.push([t('issued'), formatDate(issued)])
  const issuer = v.document?.issuer ?? online?.issuer
  if (issuer) doc.push([t('issuer'), issuer])
  const holder = v.document?.holder ?? online?.holder
  if (holder) doc.push([t('holder'), holder])
  doc.push([t('checkedAt'), `${formatDateTime(v.checkedAt)} (UTC+5)`])
  const sections: ReportSection[] = [{ title: t('title'), rows: doc, tone: toneOf(v.indication) }]
  v.signatures.forEach((s, i) => {
    const rows: Array<[string, string]> = [[t('indication'), `${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ''}`]]
    if (s.errorCode) rows.push(['', errorText(s.errorCode, lang)])
    if (s.signer) {
      rows.push([t('signer'), [s.signer.name, s.signer.organization].filter(Boolean).join(', ')])
      rows.push([t('certificate'), `${s.signer.serialNumber} · ${s.signer.issuer} · ${formatDate(s.signer.notBefore)}–${formatDate(s.signer.notAfter)}`])
    }
    rows.push([t('level'), s.level === 'CAdES-T' ? t('levelT') : t('levelBes')])
    rows.push([t('chain'), `${CHAIN_TEXT[s.chainStatus][lang]}${s.chain.length ? `: ${s.chain.join(' → ')}` : ''}`])
    rows.push([t('revocation'), `${REVOCATION_TEXT[s.revocation.status][lang]}${s.revocation.source ? ` (${s.revocation.source.toUpperCase()})` : ''}${s.revocation.revokedAt ? ` ${formatDateTime(s.revocation.revokedAt)}` : ''} · ${formatDateTime(s.revocation.checkedAt)}`])
    if (s.claimedSigningTime) rows.push([t('signingTime'), formatDateTime(s.claimedSigningTime)])
    rows.push([t('timestamp'), s.timestamp ? `${formatDateTime(s.timestamp.time)} · ${s.timestamp.authority}` : t('none')])
    if (s.bestSignatureTime) rows.push([t('bestTime'), formatDateTime(s.bestSignatureTime)])
    rows.push([t('algorithm'), s.algorithm])
    sections.push({ title: `${t('signature')} #${i + 1}`, rows, tone: toneOf(s.indication) })
  })
  if (v.online) {
    sections.push({ title: t('online'), rows: [[t('online'), 'error' in v.online ? errorText(v.online.error, lang) : VERDICT_WORD[v.online.status][lang]]], tone: 'error' in v.online ? 'warn' : v.online.status === 'valid' ? 'ok' : 'bad' })
  }
  const reason = verdictReason(v, lang)
  return {
    verdict: v.verdict,
    headline: `${VERDICT_WORD[v.verdict][lang]} — ${v.indication}${v.subIndication ? ` / ${v.subIndication}` : ''}`,
    summary: [VERDICT_TEXT[v.verdict][lang], ...(reason ? [reason] : [])],
    sections,
    warnings: v.warnings.map((w) => WARNING_TEXT[w][lang]),
  }
}

/** The report as plain text (the CLI). */
export function reportText(m: ReportModel): string {
  const out = [m.headline, ...m.summary]
  for (const s of m.sections) {
    out.push('', `[${s.title}]`)
    for (const [k, v] of s.rows) out.push(k ? `  ${k}: ${v}` : `    ${v}`)
  }
  if (m.warnings.length) out.push('', ...m.warnings.map((w) => `! ${w}`))
  return out.join('\n') + '\n'
}
