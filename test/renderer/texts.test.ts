import { describe, expect, it } from 'vitest'
import { statusLabel } from '@shared/catalog'
import { registerTexts } from '../../src-renderer/app/texts'
import { INBOX_NS } from '../../src-renderer/features/inbox/i18n'
import { intakeTexts } from '../../src-renderer/features/intake/texts'
import { i18n } from '../../src-renderer/i18n'
import { textsNow } from '../../src-renderer/i18n/texts'

registerTexts()

describe('texts on screen', () => {
  it('plurals: one page, one request in English (no «1 pages»); kk keeps the singular after a numeral', () => {
    const en = i18n.getFixedT('en', INBOX_NS)
    expect(en('view.pages', { count: 1 })).toBe('1 page')
    expect(en('view.pages', { count: 3 })).toBe('3 pages')
    expect(en('count', { count: 1 })).toBe('1 request')
    expect(textsNow(intakeTexts, 'en').scans.pages({ count: 1 })).toBe('1 page')
    expect(textsNow(intakeTexts, 'ru').scans.pages({ count: 22 })).toBe('22 страницы')
    expect(i18n.getFixedT('kk', INBOX_NS)('view.pages', { count: 2 })).toBe('2 бет')
  })

  it('a status without its number reads as a sentence, never «Registered No. {regNo}»', () => {
    for (const lang of ['kk', 'ru', 'en'] as const) expect(statusLabel('REGISTERED', lang)).not.toMatch(/\{regNo\}|№\s*$|No\.\s*$/)
    expect(statusLabel('REGISTERED', 'en')).toBe('Registered')
    expect(statusLabel('REGISTERED', 'en', 'GW-1')).toBe('Registered No. GW-1')
  })
})
