import { describe, expect, it } from 'vitest'
import { defineTexts, plural, textsNow } from '../../../src-renderer/i18n/texts'

const pages = (lang: 'kk' | 'ru' | 'en', n: number) => `${n} ${plural(lang, n, { one: lang === 'kk' ? 'бет' : lang === 'ru' ? 'страница' : 'page', few: 'страницы', many: 'страниц', other: lang === 'en' ? 'pages' : 'страниц' })}`

describe('typed texts', () => {
  it('picks the Russian, English and Kazakh plural forms', () => {
    expect([1, 2, 5, 11, 12, 21, 22, 25, 101, 111, 0].map((n) => pages('ru', n))).toEqual([
      '1 страница', '2 страницы', '5 страниц', '11 страниц', '12 страниц', '21 страница', '22 страницы', '25 страниц', '101 страница', '111 страниц', '0 страниц',
    ])
    expect([1, 2, 0, 21].map((n) => pages('en', n))).toEqual(['1 page', '2 pages', '0 pages', '21 pages'])
    expect([1, 2, 5].map((n) => pages('kk', n))).toEqual(['1 бет', '2 бет', '5 бет'])
  })

  it('gives each language its own table, parameters included', () => {
    const t = defineTexts({
      kk: { title: 'Нәтижелер', registered: (p: { no: string }) => `Тіркеу нөмірі: ${p.no}` },
      ru: { title: 'Результаты', registered: (p: { no: string }) => `Регистрационный номер: ${p.no}` },
      en: { title: 'Results', registered: (p: { no: string }) => `Registration No. ${p.no}` },
    })
    expect(textsNow(t, 'en').registered({ no: 'A-1' })).toBe('Registration No. A-1')
    expect(textsNow(t, 'kk').title).toBe('Нәтижелер')
    // @ts-expect-error a key missing in ru is a tsc error
    defineTexts({ kk: { a: 'a', b: 'b' }, ru: { a: 'a' }, en: { a: 'a', b: 'b' } })
  })
})
