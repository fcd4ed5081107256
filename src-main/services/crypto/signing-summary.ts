/**
 * What a signature is about to cover, derived by main from the bytes themselves — never from a description the caller
 * supplies — so that main's own prompt shows the person what they sign (what you see is what you sign).
 *   - a canonical request envelope: the service (catalogue name, kk/ru), the consumer (ИИН/БИН, name when the form
 *     carries one), how many documents are attached, and the SHA-256 of the bytes;
 *   - a provider's decision / result document: its request number and kind (result / refusal);
 *   - a sign-in challenge (AUTH key, 32 random bytes from the gateway);
 *   - anything else: "unrecognised data" with its SHA-256 and size. It is shown, not refused: the workstation and
 *     `arm sign` also sign files main has no decoder for, and refusing would block every new document kind; the prompt
 *     marks it as a warning and the person decides with the hash in front of them.
 */
import { catalog } from '../../../src-shared/catalog'
import { decodeEnvelope, sha256Hex } from '../../../src-shared/envelope'
import type { Lang } from '../../../src-shared/errors'

export type SigningSummary =
  | { kind: 'request'; sha256: string; size: number; serviceId: string; service: { kk: string; ru: string; en: string }; consumer: { kind: 'person' | 'entity'; id: string; name?: string }; attachments: number }
  | { kind: 'decision'; sha256: string; size: number; registrationNumber: string; decision: 'result' | 'refusal' }
  | { kind: 'sign-in'; sha256: string; size: number }
  | { kind: 'unrecognised'; sha256: string; size: number }

const CONSUMER_NAME_FIELDS = ['applicantFullName', 'fullName', 'entityName'] as const

function own(o: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined
}

function decision(bytes: Uint8Array): { registrationNumber: string; decision: 'result' | 'refusal' } | null {
  // The decision document is canonical JSON of the one schema (src-shared/results, arm.decision/1): number, kind, decidedAt.
  if (bytes.length > 1_000_000 || bytes[0] !== 0x7b) return null
  let v: unknown
  try {
    v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return null
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null
  const n = own(v, 'registrationNumber')
  const k = own(v, 'kind')
  if (typeof n !== 'string' || !/^[\p{L}\p{N}\-/.]{1,64}$/u.test(n) || (k !== 'result' && k !== 'refusal') || typeof own(v, 'decidedAt') !== 'string') return null
  return { registrationNumber: n, decision: k }
}

export function summarizeSigning(bytes: Uint8Array, purpose: 'SIGN' | 'AUTH' = 'SIGN'): SigningSummary {
  const base = { sha256: sha256Hex(bytes), size: bytes.length }
  if (purpose === 'AUTH' && bytes.length === 32) return { kind: 'sign-in', ...base }
  if (purpose === 'SIGN') {
    try {
      const env = decodeEnvelope(bytes)
      const service = catalog.find(env.serviceId)
      if (service) {
        const nameField = CONSUMER_NAME_FIELDS.map((f) => own(env.form, f)).find((x): x is string => typeof x === 'string' && x.trim() !== '')
        const consumer = env.applicant.kind === 'person' ? { kind: 'person' as const, id: env.applicant.iin } : { kind: 'entity' as const, id: env.applicant.bin }
        return {
          kind: 'request',
          ...base,
          serviceId: env.serviceId,
          service: { kk: service.name.kk, ru: service.name.ru, en: service.name.en ?? service.name.ru },
          consumer: nameField ? { ...consumer, name: nameField.trim().slice(0, 200) } : consumer,
          attachments: env.attachments.length,
        }
      }
    } catch {
      // not an envelope: try the other known kinds
    }
    const d = decision(bytes)
    if (d) return { kind: 'decision', ...base, ...d }
  }
  return { kind: 'unrecognised', ...base }
}

const TEXT: Record<Lang, Record<string, string>> = {
  kk: {
    request: 'Өтініш', service: 'Қызмет', person: 'Тұтынушы (ЖСН)', entity: 'Тұтынушы (БСН)', name: 'Аты', attachments: 'Тіркелген құжаттар',
    decision: 'Шешім', number: 'Өтініш нөмірі', result: 'нәтиже', refusal: 'бас тарту', signIn: 'Шлюзге ЭЦҚ арқылы кіру',
    signingHead: 'Қол қойылатын құжат',
    unrecognised: 'Танылмаған деректер — күткен файлыңыз болмаса, растамаңыз', sha256: 'SHA-256', size: 'Көлемі, байт', batch: 'Құжаттар саны',
  },
  ru: {
    request: 'Заявление', service: 'Услуга', person: 'Потребитель (ИИН)', entity: 'Потребитель (БИН)', name: 'Имя', attachments: 'Приложено документов',
    decision: 'Решение', number: 'Номер заявления', result: 'результат', refusal: 'отказ', signIn: 'Вход в шлюз по ЭЦП',
    signingHead: 'Подписывается',
    unrecognised: 'Нераспознанные данные — не подтверждайте, если не ожидали подписать такой файл', sha256: 'SHA-256', size: 'Размер, байт', batch: 'Документов в пакете',
  },
  en: {
    request: 'Request', service: 'Service', person: 'Consumer (IIN)', entity: 'Consumer (BIN)', name: 'Name', attachments: 'Attached documents',
    decision: 'Decision', number: 'Request number', result: 'result', refusal: 'refusal', signIn: 'Sign-in to the gateway with a digital signature',
    signingHead: 'To be signed',
    unrecognised: 'Unrecognised data — do not confirm unless you expected to sign such a file', sha256: 'SHA-256', size: 'Size, bytes', batch: 'Documents in the batch',
  },
}

/** The lines a prompt shows for one summary: [label, value, warning?]. One definition for the Electron window and the host page. */
export function signingLines(s: SigningSummary, lang: Lang): Array<{ label: string; value: string; warn?: boolean }> {
  const t = TEXT[lang]
  const hash = { label: t.sha256, value: s.sha256 }
  switch (s.kind) {
    case 'request':
      return [
        { label: t.request, value: `${t.service}: ${lang === 'kk' ? s.service.kk : lang === 'en' ? s.service.en : s.service.ru}` },
        { label: s.consumer.kind === 'person' ? t.person : t.entity, value: s.consumer.name ? `${s.consumer.id} — ${s.consumer.name}` : s.consumer.id },
        { label: t.attachments, value: String(s.attachments) },
        hash,
      ]
    case 'decision':
      return [{ label: t.decision, value: `${t.number} ${s.registrationNumber}: ${s.decision === 'refusal' ? t.refusal : t.result}` }, hash]
    case 'sign-in':
      return [{ label: t.signIn, value: '' }, hash]
    case 'unrecognised':
      return [{ label: t.unrecognised, value: '', warn: true }, hash, { label: t.size, value: String(s.size) }]
  }
}

/** The heading line of a batch. */
export function batchLine(n: number, lang: Lang): string {
  return `${TEXT[lang].batch}: ${n}`
}

/** A language from an untrusted string (query, form, header): own values only, anything else is the fallback. */
export function langFrom(value: unknown, fallback: Lang = 'ru'): Lang {
  return value === 'kk' || value === 'ru' || value === 'en' ? value : fallback
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** What is signed, as main derived it from the bytes (one block per document of a batch). */
export function signingHtml(signing: readonly SigningSummary[] | undefined, lang: Lang): string {
  if (!signing?.length) return ''
  const head = `<p class="what"><b>${esc(TEXT[lang].signingHead)}</b>${signing.length > 1 ? ` — ${esc(batchLine(signing.length, lang))}` : ''}</p>`
  const blocks = signing.map(
    (s, i) =>
      `<dl class="doc" data-signing-kind="${esc(s.kind)}" data-sha256="${esc(s.sha256)}">${signing.length > 1 ? `<dt>№</dt><dd>${i + 1}</dd>` : ''}${signingLines(s, lang)
        .map((l) => `<dt${l.warn ? ' class="err"' : ''}>${esc(l.label)}</dt><dd${l.label === 'SHA-256' ? ' class="hash"' : ''}>${esc(l.value)}</dd>`)
        .join('')}</dl>`,
  )
  return head + blocks.join('')
}

