import { describe, expect, it } from 'vitest'
import { statusLabel } from '@shared/catalog'
import { inboxTexts } from '../../../src-renderer/features/inbox/texts'
import { intakeTexts } from '../../../src-renderer/features/intake/texts'
import { textsNow } from '../../../src-renderer/i18n/texts'

describe('texts on screen', () => {
  it('plurals: one page, one request in English (no «1 pages»); kk keeps the singular after a numeral', () => {
    const en = textsNow(inboxTexts, 'en')
    expect(en.view.pages(1)).toBe('1 page')
    expect(en.view.pages(3)).toBe('3 pages')
    expect(en.count(1)).toBe('1 request')
    expect(en.count(21)).toBe('21 requests')
    expect(textsNow(inboxTexts, 'ru').view.pages(1)).toBe('1 страница')
    expect(textsNow(inboxTexts, 'ru').view.pages(12)).toBe('12 страниц')
    expect(textsNow(inboxTexts, 'ru').view.pages(23)).toBe('23 страницы')
    expect(textsNow(intakeTexts, 'en').scans.pages({ count: 1 })).toBe('1 page')
    expect(textsNow(intakeTexts, 'ru').scans.pages({ count: 22 })).toBe('22 страницы')
    expect(textsNow(inboxTexts, 'kk').view.pages(2)).toBe('2 бет')
  })

  it('a status without its number reads as a sentence, never «Registered No. {regNo}»', () => {
    for (const lang of ['kk', 'ru', 'en'] as const) expect(statusLabel('REGISTERED', lang)).not.toMatch(/\{regNo\}|№\s*$|No\.\s*$/)
    expect(statusLabel('REGISTERED', 'en')).toBe('Registered')
    expect(statusLabel('REGISTERED', 'en', 'GW-1')).toBe('Registered No. GW-1')
  })
})
