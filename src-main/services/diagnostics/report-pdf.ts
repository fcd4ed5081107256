/** The diagnostics report as a readable A4 PDF (bundled DejaVu fonts, Kazakhstan time) to send to support. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fontkit from '@cantoo/fontkit'
import { PDFDocument, rgb } from '@cantoo/pdf-lib'
import type { DiagnosticsReport } from '../../../src-shared/bridge/channels/app'
import type { Lang } from '../../../src-shared/errors'
import { formatDateTime } from '../../../src-shared/format'

const TITLE: Record<Lang, string> = { kk: 'Жұмыс орнының диагностикасы', ru: 'Диагностика рабочего места', en: 'Workstation diagnostics' }
export const CHECK_NAMES: Record<Lang, Record<DiagnosticsReport['checks'][number]['id'], string>> = {
  kk: { gateway: 'Шлюз', clock: 'Сағат айырмасы', ocsp: 'OCSP', crl: 'CRL жаңалығы', tsa: 'Уақыт белгісі (TSA)', keys: 'Кілт қоймалары', pkcs11: 'PKCS#11 модульдері мен токендер', versions: 'Нұсқалар' },
  ru: { gateway: 'Шлюз', clock: 'Расхождение часов', ocsp: 'OCSP', crl: 'Свежесть CRL', tsa: 'Метка времени (TSA)', keys: 'Хранилища ключей', pkcs11: 'Модули PKCS#11 и токены', versions: 'Версии' },
  en: { gateway: 'Gateway', clock: 'Clock skew', ocsp: 'OCSP', crl: 'CRL freshness', tsa: 'Time-stamp authority', keys: 'Key stores', pkcs11: 'PKCS#11 modules and tokens', versions: 'Versions' },
}
const STATUS: Record<Lang, Record<DiagnosticsReport['checks'][number]['status'], string>> = {
  kk: { ok: 'жұмыс істейді', warning: 'ескерту', failed: 'ҚАТЕ', skipped: 'өткізілді' },
  ru: { ok: 'работает', warning: 'предупреждение', failed: 'ОШИБКА', skipped: 'пропущено' },
  en: { ok: 'working', warning: 'warning', failed: 'FAILED', skipped: 'skipped' },
}

export async function diagnosticsPdf(report: DiagnosticsReport, lang: Lang, fontsDir: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  const font = await doc.embedFont(readFileSync(join(fontsDir, 'DejaVuSans.ttf')), { subset: true })
  const bold = await doc.embedFont(readFileSync(join(fontsDir, 'DejaVuSans-Bold.ttf')), { subset: true })
  const page = doc.addPage([595, 842])
  let y = 800
  page.drawText(TITLE[lang], { x: 40, y, size: 16, font: bold })
  y -= 20
  page.drawText(formatDateTime(report.at), { x: 40, y, size: 10, font })
  y -= 24
  for (const c of report.checks) {
    const color = c.status === 'failed' ? rgb(0.75, 0.1, 0.1) : c.status === 'warning' ? rgb(0.7, 0.45, 0) : rgb(0, 0, 0)
    page.drawText(`${CHECK_NAMES[lang][c.id]}: ${STATUS[lang][c.status]}${c.code ? ` [${c.code}]` : ''}`, { x: 40, y, size: 11, font: bold, color })
    y -= 14
    for (const [k, v] of Object.entries(c.detail)) {
      if (v === null) continue
      page.drawText(`${k}: ${String(v)}`.slice(0, 95), { x: 56, y, size: 9, font })
      y -= 12
    }
    y -= 6
  }
  return doc.save()
}
