/** ЗАГС family (CATALOG §4.1): ИС ЗАГС, state duty in МРП paid within 24 h. */
import { consumerBlock, DOC_IDENTITY, genericRefusal, L, M, opt, PROVIDERS, TSON_STEPS } from '../common'
import type { Condition, FieldDef, ServiceDefinition } from '../types'

const JUSTICE_BODY = L('аумақтық әділет органы', 'территориальный орган юстиции', 'territorial justice body')

const is = (v: string): Condition => ({ field: 'certificateType', equals: v })
const isOneOf = (...v: string[]): Condition => ({ field: 'certificateType', oneOf: v })

const TYPES_ALL = [
  opt('birth', 'туу туралы', 'о рождении', 'birth'),
  opt('marriage', 'неке қию туралы', 'о заключении брака', 'marriage'),
  opt('divorce', 'некені бұзу туралы', 'о расторжении брака', 'divorce'),
  opt('paternity', 'әкелікті анықтау туралы', 'об установлении отцовства', 'paternity'),
  opt('adoption', 'бала асырап алу туралы', 'об усыновлении/удочерении', 'adoption'),
  opt('name-change', 'тегін, атын, әкесінің атын өзгерту туралы', 'о перемене фамилии, имени, отчества', 'change of name'),
]
const TYPES_CERT = TYPES_ALL.filter((o) => ['birth', 'marriage', 'divorce', 'name-change'].includes(o.value))

const ZAGS_OFFICES = [
  opt('astana', 'Астана қаласының АХАЖ бөлімі', 'Отдел ЗАГС города Астаны', 'Astana civil registry office'),
  opt('almaty', 'Алматы қаласының АХАЖ бөлімі', 'Отдел ЗАГС города Алматы', 'Almaty civil registry office'),
  opt('semey', 'Семей қаласының АХАЖ бөлімі', 'Отдел ЗАГС города Семей', 'Semey civil registry office'),
  opt('pavlodar', 'Павлодар қаласының АХАЖ бөлімі', 'Отдел ЗАГС города Павлодара', 'Pavlodar civil registry office'),
]

/** Act details per certificate type (4.1.1): birth → parents; marriage/divorce → spouse; name change → old surname. */
function actFields(types: string[]): FieldDef[] {
  const s = 'service' as const
  const f: FieldDef[] = [
    {
      id: 'certificateType',
      kind: 'select',
      section: s,
      label: L('Куәлік түрі', 'Вид свидетельства', 'Certificate type'),
      required: true,
      options: TYPES_ALL.filter((o) => types.includes(o.value)),
    },
    { id: 'birthPlace', kind: 'text', section: s, label: L('Туған жері', 'Место рождения', 'Place of birth'), required: is('birth'), visibleWhen: is('birth'), maxLength: 255 },
    { id: 'fatherFullName', kind: 'text', section: s, label: L('Әкесінің Т.А.Ә.', 'ФИО отца', 'Father’s full name'), required: false, visibleWhen: is('birth'), maxLength: 255 },
    { id: 'motherFullName', kind: 'text', section: s, label: L('Анасының Т.А.Ә.', 'ФИО матери', 'Mother’s full name'), required: is('birth'), visibleWhen: is('birth'), maxLength: 255 },
    { id: 'spouseFullName', kind: 'text', section: s, label: L('Жұбайының Т.А.Ә.', 'Сведения о супруге (ФИО)', 'Spouse’s full name'), required: isOneOf('marriage', 'divorce'), visibleWhen: isOneOf('marriage', 'divorce'), maxLength: 255 },
    { id: 'spouseIin', kind: 'iin', section: s, label: L('Жұбайының ЖСН', 'ИИН супруга(и)', 'Spouse’s IIN'), required: false, visibleWhen: isOneOf('marriage', 'divorce') },
    { id: 'surnameBefore', kind: 'text', section: s, label: L('Өзгертуге дейінгі тегі', 'Фамилия до перемены', 'Surname before the change'), required: is('name-change'), visibleWhen: is('name-change'), maxLength: 100 },
  ]
  if (types.includes('paternity')) {
    f.push(
      { id: 'childFullName', kind: 'text', section: s, label: L('Баланың Т.А.Ә.', 'ФИО ребёнка', 'Child’s full name'), required: isOneOf('paternity', 'adoption'), visibleWhen: isOneOf('paternity', 'adoption'), maxLength: 255 },
      { id: 'childBirthDate', kind: 'date', section: s, label: L('Баланың туған күні', 'Дата рождения ребёнка', 'Child’s date of birth'), required: isOneOf('paternity', 'adoption'), visibleWhen: isOneOf('paternity', 'adoption'), notInFuture: true },
    )
  }
  f.push(
    {
      id: 'actDate',
      kind: 'date',
      section: s,
      label: L('Акт жазбасының (тіркеудің) күні', 'Дата регистрации акта', 'Date the act was registered'),
      required: { field: 'certificateType', notEquals: 'birth' },
      visibleWhen: { field: 'certificateType', notEquals: 'birth' },
      notInFuture: true,
      minDate: '1900-01-01',
    },
    {
      id: 'actPlace',
      kind: 'text',
      section: s,
      label: L('Тіркеу орны', 'Место регистрации акта', 'Place the act was registered'),
      required: { field: 'certificateType', notEquals: 'birth' },
      visibleWhen: { field: 'certificateType', notEquals: 'birth' },
      maxLength: 255,
    },
  )
  return f
}

const zagsKeywords = {
  kk: ['туу', 'куәлік', 'неке', 'ажырасу', 'әкелік', 'асырап алу', 'тегін өзгерту', 'АХАЖ', 'анықтама', 'қайталама'],
  ru: ['свидетельство', 'рождение', 'брак', 'развод', 'отцовство', 'усыновление', 'удочерение', 'смена фамилии', 'ЗАГС', 'дубликат', 'повторное'],
}

export const zagsRepeatCertificate: ServiceDefinition = {
  id: 'zags.repeat-certificate',
  source: '000 S1',
  name: L(
    'Туу, неке қию, некені бұзу, әкелікті анықтау, бала асырап алу, тегін, атын, әкесінің атын өзгерту туралы қайталама куәлікке өтінім беру',
    'Подача заявки на повторное свидетельство о рождении, о заключении брака, о расторжении брака, об установлении отцовства, об усыновлении/удочерении, о перемене фамилии, имени, отчества',
    'Request for a repeat (duplicate) civil-status certificate',
  ),
  shortName: L('Қайталама АХАЖ куәлігі', 'Повторное свидетельство ЗАГС', 'Repeat civil-status certificate'),
  kkProvisional: true,
  provider: PROVIDERS.justice,
  registries: ['IS_ZAGS', 'GBD_FL', 'NUC'],
  pattern: 'C',
  automation: 'part',
  interaction: ['T'],
  channels: { tson: true, provider: false, portal: true, representative: false },
  applicantKinds: ['person'],
  fee: { kind: 'mrp', multiplier: 1, payWithinHours: 24 },
  terms: { regulated: { amount: 45, unit: 'minutes' }, source: 'default', extendable: false, steps: { tson: TSON_STEPS } },
  documents: [DOC_IDENTITY('none')],
  fields: [
    ...consumerBlock(['person']),
    ...actFields(['birth', 'marriage', 'divorce', 'paternity', 'adoption', 'name-change']),
    {
      id: 'pickupOffice',
      kind: 'select',
      section: 'service',
      label: L('Куәлікті алу орны', 'Место получения свидетельства', 'Where to collect the certificate'),
      hint: L('Куәлік өтінім берілген жерде қағаз түрінде беріледі', 'Свидетельство выдаётся в бумажном виде по месту подачи заявки', 'The certificate is issued on paper where the request was filed'),
      required: true,
      options: ZAGS_OFFICES,
    },
  ],
  rules: [],
  lifeSituations: [
    L('Куәлік жоғалды немесе бүлінді', 'Утеряно или испорчено свидетельство', 'A certificate was lost or damaged'),
    L('Бала туылды', 'Рождение ребёнка', 'Birth of a child'),
    L('Неке және отбасы', 'Брак и семья', 'Marriage and family'),
  ],
  keywords: zagsKeywords,
  result: [
    {
      id: 'acceptance-notice',
      header: 'a',
      title: L('Х А Б А Р Л А М А', 'У В Е Д О М Л Е Н И Е', 'N O T I C E'),
      lines: [
        L('Қазақстан Республикасы әділет министрлігі / Тіркеу қызметі және құқықтық көмек көрсету комитеті', 'Министерство юстиции Республики Казахстан / Комитет регистрационной службы и оказания правовой помощи', 'Ministry of Justice of the Republic of Kazakhstan / Registration Service and Legal Aid Committee'),
        L('Талап етілген орынға берілді', 'Дана по месту требования', 'Issued for presentation where required'),
        L('{fio} (тегі, аты, әкесінің аты, туған жылы)', 'О том что {fio}, {birthYear} (ф.и.о., год рождения)', 'That {fio}, born {birthYear}'),
        L(
          '{certificateTypeKk} куәлікті қайта беруге {date} ж. "электрондық үкімет" Порталы арқылы арыз жолдағандығы туралы және біз Сіздің № {requestNo} сауалыңызды өңдеуге қабыл алғандығымыз туралы.',
          'отправил заявку через Портал "электронного правительства" {date} г. на повторную выдачу свидетельства {certificateTypeRu} и в том, что мы приняли Ваш запрос под № {requestNo} на обработку.',
          'filed a request via the e-government Portal on {date} for a repeat certificate of {certificateTypeEn}, and that we accepted your request No. {requestNo} for processing.',
        ),
        L('Қызмет {justiceBody} қағаз түрінде көрсетіледі (аумақтық әділет органдарды атауы)', 'Услуга будет оказана в бумажном виде {justiceBody} (наименование территориального органа юстиции)', 'The service will be provided on paper by {justiceBody} (territorial justice body)'),
      ],
      placeholders: ['uniqueNo', 'fio', 'birthYear', 'date', 'requestNo', 'certificateTypeKk', 'certificateTypeRu', 'certificateTypeEn', 'justiceBody'],
      barcode: 'IS_ZAGS',
      legalClause: false,
      signer: JUSTICE_BODY,
    },
  ],
  refusal: {
    grounds: [M.M1(), M.M2(), M.M3(), M.M5('ИС ЗАГС', 'АХАЖ АЖ')],
    template: genericRefusal(L('қайталама куәлікті', 'повторного свидетельства', 'a repeat certificate'), JUSTICE_BODY),
  },
}

export const zagsMarriageApplication: ServiceDefinition = {
  id: 'zags.marriage-application',
  source: '000 S2',
  name: L('Некені тіркеуге өтініш беру', 'Подача заявления на регистрацию заключения брака', 'Application for registration of marriage'),
  shortName: L('Некені тіркеу', 'Регистрация брака', 'Marriage registration'),
  kkProvisional: true,
  provider: PROVIDERS.justice,
  registries: ['IS_ZAGS', 'GBD_FL', 'NUC'],
  pattern: 'C',
  automation: 'part',
  interaction: ['T'],
  channels: { tson: false, provider: false, portal: true, representative: false },
  applicantKinds: ['person'],
  fee: { kind: 'mrp', multiplier: 1, payWithinHours: 24 },
  terms: { regulated: { amount: 35, unit: 'minutes' }, source: 'derived', extendable: false, steps: {} },
  documents: [DOC_IDENTITY('none')],
  fields: [
    ...consumerBlock(['person'], { adultOnly: true }),
    { id: 'applicantSurnameAfter', kind: 'text', section: 'service', label: L('Некеден кейінгі тегі (өтініш беруші)', 'Фамилия после брака (заявитель)', 'Surname after marriage (applicant)'), required: true, maxLength: 100 },
    { id: 'partnerIin', kind: 'iin', section: 'service', label: L('Болашақ жұбайының ЖСН', 'ИИН будущего супруга(и)', 'IIN of the future spouse'), required: true, age: { minYears: 18 } },
    {
      id: 'partnerFullName',
      kind: 'text',
      section: 'service',
      label: L('Болашақ жұбайының Т.А.Ә.', 'ФИО будущего супруга(и)', 'Full name of the future spouse'),
      required: false,
      readOnly: true,
      maxLength: 255,
      prefill: { registry: 'GBD_FL', by: 'partnerIin', path: 'fullName' },
    },
    { id: 'partnerSurnameAfter', kind: 'text', section: 'service', label: L('Некеден кейінгі тегі (жұбайы)', 'Фамилия после брака (супруг(а))', 'Surname after marriage (spouse)'), required: true, maxLength: 100 },
    { id: 'preferredDate', kind: 'date', section: 'service', label: L('Тіркеудің қалаған күні', 'Желаемая дата регистрации', 'Preferred registration date'), required: true, notInPast: true },
    { id: 'zagsOffice', kind: 'select', section: 'service', label: L('АХАЖ бөлімі', 'Отдел ЗАГС', 'Civil registry office'), required: true, options: ZAGS_OFFICES },
  ],
  rules: [],
  lifeSituations: [L('Неке және отбасы', 'Брак и семья', 'Marriage and family'), L('Үйлену', 'Свадьба', 'Wedding')],
  keywords: { kk: ['неке', 'үйлену', 'тіркеу', 'АХАЖ', 'той'], ru: ['брак', 'свадьба', 'регистрация брака', 'ЗАГС', 'жениться', 'замуж'] },
  result: [
    {
      id: 'registration-notice',
      header: 'a',
      title: L('Некені тіркеу туралы хабарлама', 'Уведомление о регистрации заключения брака', 'Notice of marriage registration'),
      lines: [
        L('{date} күнгі № {regNo} некені тіркеу туралы өтінішіңіз қабылданды. Тіркеу {ceremonyDate} күні сағат {time}-да мына мекенжайда өтеді: {zagsAddress}.', 'Ваше заявление о регистрации заключения брака № {regNo} от {date} принято. Регистрация состоится {ceremonyDate} в {time} по адресу: {zagsAddress}.', 'Your application for marriage registration No. {regNo} of {date} is accepted. The registration will take place on {ceremonyDate} at {time} at: {zagsAddress}.'),
      ],
      placeholders: ['regNo', 'date', 'ceremonyDate', 'time', 'zagsAddress'],
      barcode: 'IS_ZAGS',
      legalClause: false,
      signer: JUSTICE_BODY,
      provisional: true,
    },
  ],
  refusal: { grounds: [M.M1(), M.M2(), M.M6()], template: genericRefusal(L('некені тіркеу туралы хабарламаны', 'уведомления о регистрации брака', 'a marriage registration notice'), JUSTICE_BODY) },
}

export const zagsCivilStatusCertificate: ServiceDefinition = {
  id: 'zags.civil-status-certificate',
  source: '000 S3',
  name: L(
    'Туу, неке қию, некені бұзу, тегін, атын, әкесінің атын өзгерту туралы анықтамалар беру',
    'Выдача справок о рождении, о заключении брака, о расторжении брака, о перемене фамилии, имени, отчества',
    'Civil-status record certificates (birth, marriage, divorce, change of name)',
  ),
  shortName: L('АХАЖ анықтамасы', 'Справка ЗАГС', 'Civil-status certificate'),
  kkProvisional: true,
  provider: PROVIDERS.registration,
  registries: ['IS_ZAGS', 'GBD_FL', 'NUC'],
  pattern: 'A',
  automation: 'auto',
  interaction: ['T'],
  channels: { tson: true, provider: false, portal: true, representative: false },
  applicantKinds: ['person'],
  fee: { kind: 'mrp', multiplier: 0.3, payWithinHours: 24 },
  terms: { regulated: { amount: 45, unit: 'minutes' }, source: 'derived', extendable: false, steps: { tson: TSON_STEPS } },
  documents: [DOC_IDENTITY('none')],
  fields: [...consumerBlock(['person']), ...actFields(TYPES_CERT.map((o) => o.value))],
  rules: [],
  lifeSituations: [
    L('Туу фактісін растау', 'Подтверждение факта рождения', 'Proof of birth'),
    L('Неке және отбасы', 'Брак и семья', 'Marriage and family'),
  ],
  keywords: { kk: [...zagsKeywords.kk, 'анықтама'], ru: [...zagsKeywords.ru, 'справка', 'архивная справка'] },
  result: [
    {
      id: 'birth',
      header: 'a',
      title: L('А Н Ы Қ Т А М А', 'С П Р А В К А', 'C E R T I F I C A T E'),
      lines: [
        L('{justiceBody} (аумақтық әділет органдарды атауы)', '{justiceBody} (наименование территориального органа юстиции)', '{justiceBody} (territorial justice body)'),
        L('азамат {fio} (тегі, аты, әкесінің аты, туған жылы)', 'подтверждает факт регистрации рождения в отношении гр. {fio}, {birthYear} (ф.и.о., год рождения)', 'confirms that the birth of {fio}, {birthYear}, was registered'),
        L('Бұл жөнінде туу туралы актілерді тіркеу кітабында {actDate} күні № {actNo} жазуы жазылғаны туралы осы анықтама талап етілген орынға беріледі.', 'о чем в книге регистрации акта о рождении от {actDate} за № {actNo} произведена запись.', 'as entered in the birth register on {actDate} under No. {actNo}.'),
        L('Ата - анасы туралы мәліметтер:', 'Сведения о родителях:', 'Parents:'),
        L('Әкесі: {fatherFio}', 'Отец: {fatherFio}', 'Father: {fatherFio}'),
        L('Шешесі: {motherFio}', 'Мать: {motherFio}', 'Mother: {motherFio}'),
        L('Туған жері: {city}, {district}, {oblast}', 'Место рождения: {city}, {district}, {oblast} (город, район, область)', 'Place of birth: {city}, {district}, {oblast}'),
        L('Талап етілген орынға берілді', 'Дана по месту требования', 'Issued for presentation where required'),
      ],
      placeholders: ['uniqueNo', 'justiceBody', 'fio', 'birthYear', 'actDate', 'actNo', 'fatherFio', 'motherFio', 'city', 'district', 'oblast'],
      barcode: 'IS_ZAGS',
      legalClause: true,
      signer: L('Тіркеуші органның ЭЦҚ', 'ЭЦП регистрирующего органа', 'Digital signature of the registering body'),
    },
    {
      id: 'marriage',
      header: 'a',
      title: L('А Н Ы Қ Т А М А', 'С П Р А В К А', 'C E R T I F I C A T E'),
      lines: [
        L('{justiceBody}', '{justiceBody} подтверждает факт регистрации о заключении брака в отношении', '{justiceBody} confirms the registration of the marriage of'),
        L('Еріне {husbandFio} (тегі, аты, әкесінің аты, туған жылы)', 'Супруг: {husbandFio}', 'Husband: {husbandFio}'),
        L('Әйеліне: {wifeFio} арасындағы неке тұрады тіркеу фактісін растайды.', 'Супруга: {wifeFio}', 'Wife: {wifeFio}'),
        L('Бұл жөнінде неке қию туралы актілерді тіркеу кітабында {actDate} күні № {actNo} жазуы жазылғаны туралы осы анықтама талап етілген орынға беріледі.', 'о чем в книге регистрации акта о заключении брака от {actDate} за № {actNo} произведена запись.', 'as entered in the marriage register on {actDate} under No. {actNo}.'),
        L('Неке қиюдан кейін мына тектер берілді:', 'После заключения брака присвоены фамилии:', 'Surnames after the marriage:'),
        L('Еріне: {husbandSurname}', 'Мужу: {husbandSurname}', 'Husband: {husbandSurname}'),
        L('Әйеліне: {wifeSurname}', 'Жене: {wifeSurname}', 'Wife: {wifeSurname}'),
      ],
      placeholders: ['uniqueNo', 'justiceBody', 'husbandFio', 'wifeFio', 'actDate', 'actNo', 'husbandSurname', 'wifeSurname'],
      barcode: 'IS_ZAGS',
      legalClause: true,
      signer: L('Тіркеуші органның ЭЦҚ', 'ЭЦП регистрирующего органа', 'Digital signature of the registering body'),
    },
    {
      id: 'divorce',
      header: 'a',
      title: L('А Н Ы Қ Т А М А', 'С П Р А В К А', 'C E R T I F I C A T E'),
      lines: [
        L('{justiceBody}', '{justiceBody} подтверждает факт регистрации расторжения брака между', '{justiceBody} confirms the registration of the divorce of'),
        L('Еріне {husbandFio} (тегі, аты, әкесінің аты, туған жылы)', 'Супруг: {husbandFio}', 'Husband: {husbandFio}'),
        L('Әйеліне: {wifeFio}', 'Супруга: {wifeFio}', 'Wife: {wifeFio}'),
        // DEFAULT (§7.1 defect 4): the source cites the birth register; the divorce register is meant.
        L('Бұл жөнінде некені бұзу туралы актілерді тіркеу кітабында {actDate} күні № {actNo} жазуы жазылғаны туралы осы анықтама талап етілген орынға беріледі.', 'о чем в книге регистрации акта о расторжении брака от {actDate} за № {actNo} произведена запись.', 'as entered in the divorce register on {actDate} under No. {actNo}.'),
        L('Неке бұзудан кейін мына тектер берілді:', 'После расторжения брака присвоены фамилии:', 'Surnames after the divorce:'),
        L('Еріне: {husbandSurname}', 'Мужу: {husbandSurname}', 'Husband: {husbandSurname}'),
        L('Әйеліне: {wifeSurname}', 'Жене: {wifeSurname}', 'Wife: {wifeSurname}'),
      ],
      placeholders: ['uniqueNo', 'justiceBody', 'husbandFio', 'wifeFio', 'actDate', 'actNo', 'husbandSurname', 'wifeSurname'],
      barcode: 'IS_ZAGS',
      legalClause: true,
      signer: L('Тіркеуші органның ЭЦҚ', 'ЭЦП регистрирующего органа', 'Digital signature of the registering body'),
    },
    {
      id: 'name-change',
      header: 'a',
      title: L('А Н Ы Қ Т А М А', 'С П Р А В К А', 'C E R T I F I C A T E'),
      lines: [
        L('азамат {fio} (тегі, аты, әкесінің аты, туған жылы) тегін, атын, әкесінің атын өзгерту туралы тіркеуді растайды.', '{justiceBody} подтверждает факт регистрации перемены фамилии, имени, отчества в отношении гр. {fio}, {birthYear}', '{justiceBody} confirms the registered change of name of {fio}, {birthYear}'),
        L('Бұл жөнінде тегін, атын, әкесінің атын өзгерту туралы актілерді тіркеу кітабында {actDate} күні № {actNo} жазуы жазылғаны туралы осы анықтама талап етілген орынға беріледі.', 'о чем в книге регистрации акта о перемене фамилии, имени, отчества от {actDate} за № {actNo} произведена запись.', 'as entered in the change-of-name register on {actDate} under No. {actNo}.'),
        L('Мәліметтер: дейін: кейін:', 'Сведения: до: после:', 'Details: before: after:'),
        L('Тегі: {surnameBefore} / {surnameAfter}', 'Фамилия: {surnameBefore} / {surnameAfter}', 'Surname: {surnameBefore} / {surnameAfter}'),
        L('Аты: {nameBefore} / {nameAfter}', 'Имя: {nameBefore} / {nameAfter}', 'Name: {nameBefore} / {nameAfter}'),
        L('Әкесінің аты: {patronymicBefore} / {patronymicAfter}', 'Отчество: {patronymicBefore} / {patronymicAfter}', 'Patronymic: {patronymicBefore} / {patronymicAfter}'),
      ],
      placeholders: ['uniqueNo', 'justiceBody', 'fio', 'birthYear', 'actDate', 'actNo', 'surnameBefore', 'surnameAfter', 'nameBefore', 'nameAfter', 'patronymicBefore', 'patronymicAfter'],
      barcode: 'IS_ZAGS',
      legalClause: true,
      signer: L('Тіркеуші органның ЭЦҚ', 'ЭЦП регистрирующего органа', 'Digital signature of the registering body'),
    },
  ],
  refusal: { grounds: [M.M1(), M.M2(), M.M3(), M.M5('ИС ЗАГС', 'АХАЖ АЖ')], template: genericRefusal(L('АХАЖ анықтамасын', 'справки ЗАГС', 'a civil-status certificate'), JUSTICE_BODY) },
}

