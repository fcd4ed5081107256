/** Land family (CATALOG §4.4): АИС ГЗК, pattern A, fully automated; one flow, one template set. */
import { consumerBlock, DOC_IDENTITY, DOC_POA, genericRefusal, L, M, PROVIDERS, representativeBlock, TSON_STEPS } from '../common'
import type { Localized, ServiceDefinition } from '../types'

const SIGNER = L('ҚР ЖРБА', 'АУЗР РК', 'Land Resources Agency')
const CADASTRAL_HINT = L(
  'Кадастрлық нөмір туралы ақпаратты «Жер учаскесінің тиесілігі туралы ақпарат беру» мемлекеттік қызметі арқылы алуға болады',
  'информацию о кадастровом номере можно получить через государственную услугу «Предоставление информации о принадлежности земельного участка»',
  'The cadastral number can be obtained through the service "Information on the ownership of a land plot"',
)

function landService(p: {
  id: string
  source: string
  name: Localized
  shortName: Localized
  title: Localized
  refusalSubject: Localized
  cadastralRequired: boolean
  bodyFields: string[]
  keywords: { kk: string[]; ru: string[] }
}): ServiceDefinition {
  return {
    id: p.id,
    source: p.source,
    name: p.name,
    shortName: p.shortName,
    kkProvisional: true,
    provider: PROVIDERS.land,
    registries: ['AIS_GZK', 'GBD_FL', 'GBD_UL', 'ENIS'],
    pattern: 'A',
    automation: 'full',
    interaction: ['T'],
    channels: { tson: true, provider: false, portal: true, representative: true },
    applicantKinds: ['person', 'entity'],
    fee: { kind: 'none' },
    terms: { regulated: { amount: 20, unit: 'minutes' }, source: 'derived', extendable: false, steps: { tson: TSON_STEPS } },
    documents: [DOC_IDENTITY('none'), DOC_POA],
    fields: [
      ...consumerBlock(['person', 'entity']),
      ...representativeBlock(),
      {
        id: 'cadastralNumber',
        kind: 'cadastralNumber',
        section: 'service',
        label: L('Жер учаскесінің кадастрлық нөмірі', 'Кадастровый номер земельного участка', 'Cadastral number of the land plot'),
        hint: p.cadastralRequired ? CADASTRAL_HINT : L('Міндетті емес: іздеу иесінің ЖСН/БСН бойынша жүргізіледі', 'Необязательно: поиск идёт по ИИН/БИН владельца', 'Optional: the search uses the owner’s IIN/BIN'),
        required: p.cadastralRequired,
      },
    ],
    rules: [],
    lifeSituations: [
      L('Жер учаскесін ресімдеу', 'Оформление земельного участка', 'Registering a land plot'),
      L('Үй салу', 'Строительство дома', 'Building a house'),
    ],
    keywords: { kk: ['жер', 'учаске', 'кадастр', 'жер телімі', ...p.keywords.kk], ru: ['земля', 'участок', 'кадастр', 'земельный участок', ...p.keywords.ru] },
    result: [
      {
        id: 'land-information',
        header: 'b',
        title: p.title,
        lines: [
          ...p.bodyFields.map((f) => L(`{${f}}`, `{${f}}`, `{${f}}`)),
        ],
        placeholders: ['uniqueNo', 'date', ...p.bodyFields],
        barcode: 'AIS_GZK',
        legalClause: true,
        signer: L('Қызмет берушінің уәкілетті тұлғасының ЭЦҚ', 'ЭЦП уполномоченного лица услугодателя', 'Digital signature of the provider’s authorised official'),
        provisional: true,
      },
    ],
    refusal: { grounds: [M.M1(), M.M2(), M.M3(), M.M5('АИС ГЗК', 'МЗК ААЖ')], template: genericRefusal(p.refusalSubject, SIGNER) },
  }
}

export const landIdDocumentProductionInfo = landService({
  id: 'land.id-document-production-info',
  source: '001 S1',
  name: L('Жер учаскесіне сәйкестендіру құжатын дайындау туралы ақпарат беру', 'Предоставление информации об изготовлении идентификационного документа на земельный участок', 'Information on production of the land-plot identification document'),
  shortName: L('Сәйкестендіру құжатының дайындығы', 'Изготовление идентификационного документа', 'Land ID document production'),
  title: L('Жер учаскесіне сәйкестендіру құжатын дайындау туралы ақпарат', 'Информация об изготовлении идентификационного документа на земельный участок', 'Information on production of the land-plot identification document'),
  refusalSubject: L('жер учаскесіне сәйкестендіру құжатын дайындау туралы ақпаратты', 'информации об изготовлении идентификационного документа на земельный участок', 'information on production of the land-plot identification document'),
  cadastralRequired: true,
  bodyFields: ['cadastralNumber', 'location', 'orderNo', 'orderDate', 'productionStage', 'plannedReadyDate', 'contractor'],
  keywords: { kk: ['сәйкестендіру құжаты', 'акт'], ru: ['идентификационный документ', 'изготовление', 'акт на землю'] },
})

export const landCadastralInfo = landService({
  id: 'land.cadastral-info',
  source: '001 S2',
  name: L('Жер учаскесіне кадастрлық ақпарат беру', 'Предоставление кадастровой информации на земельный участок', 'Cadastral information on a land plot'),
  shortName: L('Кадастрлық ақпарат', 'Кадастровая информация', 'Cadastral information'),
  title: L('Жер учаскесіне кадастрлық ақпарат', 'Кадастровая информация на земельный участок', 'Cadastral information on a land plot'),
  refusalSubject: L('жер учаскесіне кадастрлық ақпаратты', 'кадастровой информации на земельный участок', 'cadastral information on a land plot'),
  cadastralRequired: true,
  bodyFields: ['cadastralNumber', 'location', 'areaHa', 'landCategory', 'purpose', 'divisibility', 'restrictions', 'cadastralValue'],
  keywords: { kk: ['кадастрлық құн', 'алаң', 'нысаналы мақсат'], ru: ['кадастровая стоимость', 'площадь', 'целевое назначение'] },
})

export const landOwnershipInfo = landService({
  id: 'land.ownership-info',
  source: '001 S3',
  name: L('Жер учаскесінің тиесілігі туралы ақпарат беру', 'Предоставление информации о принадлежности земельного участка', 'Information on the ownership of a land plot'),
  shortName: L('Жер учаскесінің тиесілігі', 'Принадлежность земельного участка', 'Land plot ownership'),
  title: L('Жер учаскесінің тиесілігі туралы ақпарат', 'Информация о принадлежности земельного участка', 'Information on the ownership of a land plot'),
  refusalSubject: L('жер учаскесінің тиесілігі туралы ақпаратты', 'информации о принадлежности земельного участка', 'information on the ownership of a land plot'),
  cadastralRequired: false,
  bodyFields: ['cadastralNumber', 'location', 'holder', 'rightType', 'share', 'registrationDate'],
  keywords: { kk: ['иесі', 'меншік', 'тиесілік'], ru: ['владелец', 'собственник', 'принадлежность', 'чей участок'] },
})

export const landPrimaryTitleInfo = landService({
  id: 'land.primary-title-info',
  source: '001 S4',
  name: L(
    'Жер учаскесіне құқықты алғашқы беру туралы құқық белгілейтін құжат туралы ақпарат беру',
    'Предоставление информации о правоустанавливающем документе первичного предоставления права на земельный участок',
    'Information on the title document of the primary grant of a land right',
  ),
  shortName: L('Алғашқы құқық белгілейтін құжат', 'Первичный правоустанавливающий документ', 'Primary land title document'),
  title: L(
    'Жер учаскесіне құқықты алғашқы беру туралы құқық белгілейтін құжат туралы ақпарат',
    'Информация о правоустанавливающем документе первичного предоставления права на земельный участок',
    'Information on the title document of the primary grant of a land right',
  ),
  refusalSubject: L(
    'жер учаскесіне құқықты алғашқы беру туралы құқық белгілейтін құжат туралы ақпаратты',
    'информации о правоустанавливающем документе первичного предоставления права на земельный участок',
    'information on the primary land title document',
  ),
  cadastralRequired: true,
  bodyFields: ['cadastralNumber', 'titleDocumentType', 'titleDocumentNo', 'titleDocumentDate', 'issuingBody', 'rightType', 'rightTerm', 'areaHa'],
  keywords: { kk: ['құқық белгілейтін құжат', 'алғашқы беру', 'шешім'], ru: ['правоустанавливающий документ', 'первичное предоставление', 'решение акимата'] },
})
