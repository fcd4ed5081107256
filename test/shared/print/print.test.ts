/**
 * Printing (issue 11 points 3, 7): every service's result rendered by the pure renderer, read back with poppler's
 * pdftotext, carries the regulated phrases of its body, the §5.1 header of its variant, the §5.2 clause, the §5.3
 * note of its source and the §5.4 signer; refusals name the applicant and give the reason in the reader's language;
 * `arm print` renders samples and refuses a result whose signature fails.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ServiceCatalog } from '../../../src-shared/catalog'
import { sha256Hex } from '../../../src-shared/envelope'
import { ArmError, type Lang } from '../../../src-shared/errors'
import { formatDateTime } from '../../../src-shared/format'
import { printModel, renderResultPdf } from '../../../src-shared/print'
import { checkDecision, decisionBytes, defaultTemplate, findTemplate, sampleDocument, SAMPLE_REFUSAL_TEXT, SAMPLE_REFUSAL_TEXT_KK, type DecisionDocument } from '../../../src-shared/results'

const ROOT = join(__dirname, '..', '..', '..')
const fonts = { regular: new Uint8Array(readFileSync(join(ROOT, 'resources', 'fonts', 'DejaVuSans.ttf'))) }
const catalog = new ServiceCatalog()
const dir = mkdtempSync(join(tmpdir(), 'arm-print-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** pdftotext's text with line breaks and runs of spaces folded, so a phrase wrapped over two lines is still found. */
function pdfText(pdf: Uint8Array): string {
  const f = join(dir, `p${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(f, pdf)
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}
const render = (doc: DecisionDocument, lang: Lang) => renderResultPdf({ doc, lang, verdict: { status: 'verified', signedAt: doc.decidedAt }, fonts, catalog })
const sampleOf = (serviceId: string, templateId?: string) => {
  const s = catalog.get(serviceId)
  return sampleDocument(s, templateId ? findTemplate(s, templateId) : defaultTemplate(s, 'result') ?? defaultTemplate(s, 'acceptance')!)
}

/** Regulated phrases of each service's body (CATALOG §4, the seeds' appendices), with the sample values in place. */
const PHRASES: Record<string, { template?: string; ru: string[]; kk?: string[] }> = {
  'zags.repeat-certificate': { ru: ['У В Е Д О М Л Е Н И Е', 'Дана по месту требования', 'мы приняли Ваш запрос под № 20261207-000154 на обработку', 'свидетельства о рождении'], kk: ['Х А Б А Р Л А М А', 'Талап етілген орынға берілді'] },
  'zags.marriage-application': { ru: ['Ваше заявление о регистрации заключения брака № 20261207-000154 от 01.12.2026 принято', 'Регистрация состоится 26.12.2026 в 11:30'] },
  'zags.civil-status-certificate': {
    template: 'birth',
    ru: ['С П Р А В К А', 'подтверждает факт регистрации рождения в отношении гр. Ахметов Алихан Нурланович, 2015', 'о чем в книге регистрации акта о рождении от 15.03.2015 за № 10-101-09-0000007 произведена запись', 'Сведения о родителях:', 'Дана по месту требования'],
    kk: ['А Н Ы Қ Т А М А', 'туу туралы актілерді тіркеу кітабында 15.03.2015 күні № 10-101-09-0000007 жазуы жазылғаны туралы осы анықтама талап етілген орынға беріледі'],
  },
  'realty.rights-certificate': { ru: ['зарегистрировано право:', 'зарегистрировано обременение права:', '2) зарегистрировано обременение права: Не зарегистрировано', 'Общая площадь, м²: 64.2', 'не влекущие возникновение прав или обременений на недвижимое имущество', 'Сведения, содержащиеся в справке, являются действительными на момент выдачи'] },
  'realty.absence-presence-certificate': { ru: ['об отсутствии (наличии) недвижимого имущества', 'З а р е г и с т р и р о в а н о', 'право на недвижимое имущество по адресу: г. Семей, ул. Абая, д. 12, кв. 5', 'Наличие зарегистрированных обременений'] },
  'legal.gbdul-certificate': { template: 'a', ru: ['о зарегистрированном юридическом лице, филиале или представительстве', 'Согласно данным ГБД ЮЛ:', 'дана по месту требования', 'Первый руководитель: Сейткали Нурлан Ержанович', 'Дата и номер последней регистрации (перерегистрации): 20 августа 2007 года № 18225-1901-ТОО'] },
  'land.id-document-production-info': { ru: ['Информация об изготовлении идентификационного документа на земельный участок', 'Кадастровый номер: 05-085-012-345', 'Стадия изготовления'] },
  'land.cadastral-info': { ru: ['Кадастровая информация на земельный участок', 'Кадастровая стоимость, тенге: 1 250 000', 'Категория земель: земли населённых пунктов'] },
  'land.ownership-info': { ru: ['Информация о принадлежности земельного участка', 'Правообладатель (наименование, ИИН/БИН): Ахметова Айгерим Серікқызы'] },
  'land.primary-title-info': { ru: ['Информация о правоустанавливающем документе первичного предоставления права на земельный участок', 'Вид правоустанавливающего документа: постановление акимата'] },
  'akimat.unemployed-certificate': {
    ru: ['СПРАВКА О РЕГИСТРАЦИИ В КАЧЕСТВЕ БЕЗРАБОТНОГО', 'В соответствии со ст.15 Закона Республики Казахстан "О занятости населения" зарегистрирован безработным: 14.09.2026', 'Участие в общественных, социальных работах:', 'Справка дана для предъявления: по месту требования', 'Код штрих-кода:'],
    kk: ['ЖҰМЫССЫЗ РЕТІНДЕ ТІРКЕУ ТУРАЛЫ АНЫҚТАМА', 'Қоғамдық, әлеуметтік жұмыстарға қатысуы'],
  },
  'akimat.disabled-child-home-support': { ru: ['уведомляем Вас о назначении материального обеспечения Вашему ребенку-инвалиду Ахметов Алихан Нурланович', 'в размере 21 500 на период с 01.01.2027 по 31.12.2027', 'Информируем Вас о том, что для получения материального обеспечения Вам необходимо обратиться в отдел занятости и социальных программ.'] },
  'akimat.preschool-queue': { template: 'referral', ru: ['НАПРАВЛЕНИЕ № 2026-0457', 'Для зачисления ребенка в дошкольную организацию', 'направляет в дошкольную организацию № 12', 'Направление должно быть предоставлено в дошкольную организацию в течение пяти дней со дня его выдачи.'] },
  'akimat.minor-deposits-certificate': { template: 'pension-fund', ru: ['Отдел образования города Семей разрешает Ахметова Айгерим Серікқызы, 1988 года рождения', 'получить наследуемые пенсионные накопления в АО «ЕНПФ»', 'Справка действительна в течение 1 (одного) месяца со дня выдачи.'] },
  'akimat.minor-property-certificate': { ru: ['статье 128 Кодекса Республики Казахстан "О браке (супружестве) и семье"', 'разрешает на продажу недвижимого имущества, расположенного по адресу г. Семей, ул. Абая, д. 12, кв. 5', 'Справка действительна в течение 1 (одного) месяца со дня выдачи.'] },
  'akimat.guardianship-certificate': { ru: ['СПРАВКА № 157', 'действительно назначен (а) опекуном (попечителем) над Ахметов Алихан Нурланович', 'имущества нет', 'На опекуна (попечителя) возлагается обязанность о воспитании'] },
  'akimat.housing-queue': { ru: ['решением жилищной комиссии от 20.11.2026 года № 17/2, Вы поставлены на учет', 'Вы поставлены на учет граждан, нуждающихся в жилье из государственного жилищного фонда, по категории «многодетные семьи»', 'На момент постановки на учет Ваша очередь № 1204'], kk: ['Тұрғын үй комиссиясының 20.11.2026 жылғы № 17/2 шешімімен'] },
  'archive.certificate': { ru: ['АРХИВНАЯ СПРАВКА', 'Основание: Ф. 1182'], kk: ['МҰРАҒАТТЫҚ АНЫҚТАМА', 'Мұрағаттың директоры: Касымова Раушан Толегеновна'] },
}

const HEADER_RU = { a: 'Документ сформирован Порталом электронных услуг', b: 'Документ сформирован порталом электронного правительства', c: 'Документ сформирован системой электронного правительства' }
const HEADER_KK = { a: 'Құжат Электрондық қызмет порталымен қалыптасқан', b: 'Құжат электрондық үкімет порталымен құрылған', c: 'Құжат электрондық үкімет жүйесінде құрылған' }
const BARCODE_RU = { IS_ZAGS: 'полученные из ИС «ЗАГС»', GBD_RN: 'полученные из ГБД РН', GBD_UL: 'полученные из ГБД ЮЛ', AIS_GZK: 'полученные из АИС ГЗК', E_AKIMAT: 'информационной системой «Электронный акимат»' }

describe('every service’s result, printed', () => {
  it('has a phrase list for each of the 18 services', () => {
    expect(Object.keys(PHRASES).sort()).toEqual(catalog.list().map((s) => s.id).sort())
  })

  for (const [serviceId, p] of Object.entries(PHRASES)) {
    it(`${serviceId}: regulated body, header, clause, barcode note and signer (ru, kk)`, async () => {
      const doc = sampleOf(serviceId, p.template)
      const s = catalog.get(serviceId)
      const t = findTemplate(s, doc.templateId)
      const ru = pdfText(await render(doc, 'ru'))
      for (const phrase of p.ru) expect(ru, phrase).toContain(phrase)
      expect(ru).toContain(HEADER_RU[t.header])
      expect(ru).toContain('Бірегей нөмір / Уникальный номер 20261207-000154')
      if (t.legalClause) expect(ru).toContain('равнозначен документу на бумажном носителе')
      if (t.barcode) expect(ru).toContain(BARCODE_RU[t.barcode])
      expect(ru).toContain(`${doc.signer.position.ru}: ${doc.signer.name}`)
      expect(ru).toContain(`Время подписания: ${formatDateTime(doc.decidedAt)} (UTC+5)`)
      expect(ru).not.toMatch(/\{\w+\}/)
      // Every service is printed in Kazakh too: the kk header variant, the clause, the signing time, no placeholder.
      const kk = pdfText(await render(doc, 'kk'))
      for (const phrase of p.kk ?? []) expect(kk, phrase).toContain(phrase)
      expect(kk).toContain(HEADER_KK[t.header])
      if (t.legalClause) expect(kk).toContain('қағаз тасығыштағы құжатпен бірдей')
      expect(kk).toContain(`Қол қойылған уақыты: ${formatDateTime(doc.decidedAt)} (UTC+5)`)
      expect(kk).not.toMatch(/\{\w+\}/)
    })
  }

  it('Kazakhstan time on paper: 09:15 UTC prints as 14:15', async () => {
    const text = pdfText(await render(sampleOf('legal.gbdul-certificate', 'a'), 'ru'))
    expect(text).toContain('07.12.2026 14:15 (UTC+5)')
    expect(text).not.toContain('09:15')
  })
})

describe('the barcode (§5.3 DEFAULT)', () => {
  it('the printed QR code decodes (zbarimg) to the request, service, date and the SHA-256 of the signed bytes', async () => {
    const doc = sampleOf('land.cadastral-info')
    const f = join(dir, 'qr.pdf')
    writeFileSync(f, await render(doc, 'ru'))
    execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', f, join(dir, 'qr')])
    const out = execFileSync('zbarimg', ['-q', '--raw', join(dir, 'qr-1.png')], { encoding: 'utf8' }).trim()
    expect(JSON.parse(out)).toEqual({ u: doc.registrationNumber, s: 'land.cadastral-info', d: '2026-12-07', h: sha256Hex(decisionBytes(doc)), sig: 'department:BIN990240000122' })
  })
})

describe('refusal, acceptance notice and receipt', () => {
  it('a refusal names the applicant and gives the ground in the reader’s language, never a bare code', async () => {
    const s = catalog.get('land.cadastral-info')
    const doc = sampleDocument(s, defaultTemplate(s, 'refusal')!)
    expect(doc.refusal?.code).toBe('M5')
    const ru = pdfText(await render(doc, 'ru'))
    const kk = pdfText(await render(doc, 'kk'))
    expect(ru).toContain('Уведомление № 20261207-000154 об отказе в выдаче кадастровой информации на земельный участок')
    expect(ru).toContain('Заявителю Ахметова Айгерим Серікқызы')
    expect(ru).toContain('Отсутствуют запрошенные данные в АИС ГЗК')
    expect(ru).toContain('от «07» декабря 2026 года')
    expect(ru).toContain('Уведомление удостоверено ЭЦП АУЗР РК')
    expect(kk).toContain('Сұралған деректер МЗК ААЖ жүйесінде жоқ')
    expect(kk).toContain('2026 жылғы «07» желтоқсан')
    for (const t of [ru, kk]) expect(t).not.toMatch(/\(M\d\)|\bM5\b/)
    // a letter without its own addressee line gets one (housing refusal)
    const h = catalog.get('akimat.housing-queue')
    const hk = pdfText(await render(sampleDocument(h, defaultTemplate(h, 'refusal')!), 'kk'))
    expect(hk).toContain('Өтініш берушіге: Ахметова Айгерим Серікқызы')
    expect(hk).toContain('Бас тарту себебі: Тұтынушының құжаттарында бұзушылықтар бар')
    expect(hk).toContain('шағым жасауға құқылысыз')
  })

  it('a refusal’s reason is in each letter’s language: kk prints the Kazakh reason, ru the Russian; both are required of a new refusal, an old one reads as signed', () => {
    const s = catalog.get('akimat.preschool-queue')
    const doc = sampleDocument(s, defaultTemplate(s, 'refusal')!)
    const body = (d: DecisionDocument, lang: Lang) => printModel({ doc: d, lang, verdict: { status: 'verified' }, catalog }).body.map((l) => l.text).join(' ')
    expect(body(doc, 'kk')).toContain(SAMPLE_REFUSAL_TEXT_KK)
    expect(body(doc, 'kk')).not.toContain(SAMPLE_REFUSAL_TEXT)
    expect(body(doc, 'ru')).toContain(SAMPLE_REFUSAL_TEXT)
    expect(body(doc, 'ru')).not.toContain(SAMPLE_REFUSAL_TEXT_KK)
    // the gateway's check of a new decision: the Kazakh reason is required, and never blank
    const { kk: _, ...ruOnly } = doc.refusal!
    const old: DecisionDocument = { ...doc, refusal: ruOnly }
    const codeOf = (f: () => unknown) => {
      try {
        f()
        return 'ok'
      } catch (e) {
        return e instanceof ArmError ? e.code : String(e)
      }
    }
    expect(codeOf(() => checkDecision(old, catalog, { reasonInBothLanguages: true }))).toBe('RESULT_REFUSAL_REASON_KK_MISSING')
    expect(codeOf(() => checkDecision({ ...doc, refusal: { ...doc.refusal!, kk: '  ' } }, catalog))).toBe('RESULT_REFUSAL_REASON_KK_MISSING')
    expect(codeOf(() => checkDecision(doc, catalog, { reasonInBothLanguages: true }))).toBe('ok')
    // a refusal signed before (only the words typed then) stays readable and prints what it holds
    expect(codeOf(() => checkDecision(old, catalog))).toBe('ok')
    expect(body(old, 'kk')).toContain(SAMPLE_REFUSAL_TEXT)
  })

  it('a department-signed letter names the department in the letter’s language, not in Russian on a Kazakh letter', () => {
    const s = catalog.get('land.cadastral-info')
    const doc = sampleDocument(s, defaultTemplate(s, 'refusal')!)
    expect(doc.signer.role).toBe('department')
    const { name } = s.provider
    // as the gateway's automated responder signs it (the issuer's names in the three languages) and as signed before
    for (const d of [{ ...doc, signer: { ...doc.signer, unit: name } }, doc]) {
      const sig = (lang: Lang) => printModel({ doc: d, lang, verdict: { status: 'verified', signerName: 'ИС "Автоматические ответы"' }, catalog }).signature.join(' | ')
      expect(sig('kk')).toContain(name.kk)
      expect(sig('kk')).not.toContain(name.ru)
      expect(sig('kk')).not.toContain('Автоматические ответы')
      expect(sig('ru')).toContain(name.ru)
      expect(sig('en')).toContain(name.en)
    }
  })

  it('the ЦОН receipt is bilingual, with the request number and the documents received', async () => {
    const s = catalog.get('realty.rights-certificate')
    const text = pdfText(await render(sampleDocument(s, defaultTemplate(s, 'receipt')!), 'kk'))
    for (const phrase of ['ҚҰЖАТТАРДЫ ҚАБЫЛДАУ ТУРАЛЫ ҚОЛХАТ', 'РАСПИСКА О ПРИЁМЕ ДОКУМЕНТОВ', 'Сұрау № 000154', 'Запрос № 000154', 'Документ, удостоверяющий личность', '1414', 'ХҚКО операторы'])
      expect(text, phrase).toContain(phrase)
    expect(text).not.toContain('Өкіл:') // no representative: the line is left out
  })

  it('a generic acceptance notice (§5.5a) for a pattern B service', async () => {
    const s = catalog.get('archive.certificate')
    const text = pdfText(await render(sampleDocument(s, defaultTemplate(s, 'acceptance')!), 'ru'))
    expect(text).toContain('мы приняли Ваш запрос под № 20261207-000154 на обработку')
    expect(text).toContain('Выдача архивных справок')
  })
})

describe('faults', () => {
  const doc = sampleOf('akimat.unemployed-certificate')
  const codeOf = async (p: Promise<unknown>) => p.then(() => 'printed', (e) => (e instanceof ArmError ? e.code : String(e)))

  it('a result whose signature failed verification is refused, not printed', async () => {
    expect(await codeOf(renderResultPdf({ doc, lang: 'ru', verdict: { status: 'failed', code: 'SIG_CRYPTO_FAILURE' }, fonts, catalog }))).toBe('RESULT_SIGNATURE_INVALID')
  })
  it('a refusal without text; a sample missing a field; an unknown template; no font', async () => {
    const s = catalog.get('akimat.unemployed-certificate')
    const r = sampleDocument(s, defaultTemplate(s, 'refusal')!)
    expect(await codeOf(render({ ...r, refusal: { code: 'M4', text: '' } }, 'ru'))).toBe('RESULT_REFUSAL_REASON_MISSING')
    const { training: _, ...values } = doc.values
    expect(await codeOf(renderResultPdf({ doc: { ...doc, values }, lang: 'ru', verdict: { status: 'sample' }, fonts, catalog }))).toBe('RESULT_SAMPLE_MISSING')
    expect(await codeOf(render({ ...doc, templateId: 'certificate' }, 'ru'))).toBe('RESULT_TEMPLATE_UNKNOWN')
    expect(await codeOf(renderResultPdf({ doc, lang: 'ru', verdict: { status: 'verified' }, fonts: { regular: new Uint8Array() }, catalog }))).toBe('RESULT_FONT_MISSING')
  })
  it('a sample is marked as such and has no «signed» line', () => {
    const m = printModel({ doc, lang: 'ru', verdict: { status: 'sample' }, catalog })
    expect(m.sample).toBe(true)
    expect(m.signature.join(' ')).toContain('ОБРАЗЕЦ')
    expect(m.signature.join(' ')).not.toContain('Подписано ЭЦП')
  })
})

// Each `arm` start compiles the CLI through tsx: seconds on a shared machine.
describe('arm print', { timeout: 180_000 }, () => {
  const arm = (args: string[]) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'arm.cjs'), 'print', ...args], { encoding: 'utf8', env: { ...process.env, ARM_LANG: 'ru' } })
    return { code: r.status, out: r.stdout, err: r.stderr }
  }

  it('--sample … --refusal --lang kk renders the refusal; unknown template and bad flags are coded errors', () => {
    const out = join(dir, 'refusal.pdf')
    const r = arm(['--sample', 'realty.rights-certificate', '--refusal', '--lang', 'kk', '--out', out])
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(pdfText(readFileSync(out))).toContain('Өтініш берушіге')
    const bad = arm(['--sample', 'realty.rights-certificate', '--template', 'nope', '--out', join(dir, 'x.pdf')])
    expect(bad.code).toBe(3)
    expect(bad.err).toContain('RESULT_TEMPLATE_UNKNOWN: У этой услуги нет такого шаблона результата')
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false)
    expect(arm(['--sample', 'realty.rights-certificate', '--out', join(dir, 'y.pdf'), '--lang', 'de']).code).toBe(2)
    expect(arm(['--sample', 'realty.rights-certificate', '--bogus']).code).toBe(2)
  })

  it('--result: a gateway result signed by the department (OpenSSL) prints; the same result with other bytes is refused', () => {
    const s = catalog.get('realty.absence-presence-certificate')
    const doc = { ...sampleDocument(s, defaultTemplate(s, 'result')!), signer: { role: 'department' as const, name: 'Департамент юстиции Абайской области', position: s.result[0].signer, bin: '950341000052' } }
    const bytes = decisionBytes(doc)
    const docFile = join(dir, 'doc.json')
    writeFileSync(docFile, bytes)
    const pki = join(ROOT, 'resources', 'demo-pki')
    execFileSync('openssl', ['cms', '-sign', '-binary', '-in', docFile, '-signer', join(pki, 'department-results.crt'), '-inkey', join(pki, 'department-results.key.pem'), '-certfile', join(pki, 'intermediate.crt'), '-outform', 'DER', '-out', join(dir, 'doc.p7s')])
    const result = { registrationNumber: doc.registrationNumber, kind: 'result', document: Buffer.from(bytes).toString('base64'), mediaType: 'application/json', signature: readFileSync(join(dir, 'doc.p7s')).toString('base64'), decidedAt: doc.decidedAt, signedBy: 'department' }
    writeFileSync(join(dir, 'result.json'), JSON.stringify(result))
    const ok = arm(['--result', join(dir, 'result.json'), '--lang', 'ru', '--out', join(dir, 'result.pdf')])
    expect(ok.err).toBe('')
    expect(ok.code).toBe(0)
    const text = pdfText(readFileSync(join(dir, 'result.pdf')))
    expect(text).toContain('Подписано ЭЦП')
    expect(text).toContain('З а р е г и с т р и р о в а н о')
    expect(text).not.toContain('ОБРАЗЕЦ')

    const forged = { ...doc, values: { ...doc.values, properties: [] } }
    writeFileSync(join(dir, 'forged.json'), JSON.stringify({ ...result, document: Buffer.from(decisionBytes(forged)).toString('base64') }))
    const bad = arm(['--result', join(dir, 'forged.json'), '--out', join(dir, 'forged.pdf')])
    expect(bad.code).toBe(3)
    expect(bad.err).toContain('RESULT_SIGNATURE_INVALID')
    expect(existsSync(join(dir, 'forged.pdf'))).toBe(false)
  })
})
