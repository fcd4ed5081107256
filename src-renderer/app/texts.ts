import { registerInboxI18n } from '../features/inbox/i18n'
import { registerSupervisorI18n } from '../features/supervision/i18n'
import { i18n } from '../i18n'
import { defineTexts } from '../i18n/texts'

export const frameTexts = defineTexts({
  kk: {
    nav: 'Бөлімдер',
    signOut: 'Шығу',
    signedInAs: (p: { name: string | number }) => `Жүйеде: ${p.name}`,
    operator: 'Оператор',
    specialist: 'Маман',
    supervisor: 'Супервайзер',
    operatorTitle: 'Өтініштерді қабылдау',
    operatorBody: 'Қызметті таңдау, өтініш берушіні сәйкестендіру және құжаттарды қабылдау осы жерде болады.',
    specialistTitle: 'Кіріс өтінімдер',
    specialistBody: 'Қызмет берушінің кіріс өтінімдері мен шешімдері осы жерде болады.',
    supervisorTitle: 'Бақылау және нәтижелерді беру',
    verify: 'Құжатты тексеру',
    verifyTitle: 'Құжаттың түпнұсқалығын тексеру',
    audit: 'Аудит',
    admin: 'Әкімшілік',
    auditTitle: 'Әрекеттер журналы',
    adminTitle: 'Әкімшілік',
    supervisorBody: 'Мерзімдерді бақылау мен нәтижелерді басып шығару осы жерде болады.',
    comingNext: 'Бұл бөлім келесі кезеңде қосылады.',
  },
  ru: {
    nav: 'Разделы',
    signOut: 'Выйти',
    signedInAs: (p: { name: string | number }) => `В системе: ${p.name}`,
    operator: 'Оператор',
    specialist: 'Специалист',
    supervisor: 'Супервайзер',
    operatorTitle: 'Приём заявлений',
    operatorBody: 'Здесь будут выбор услуги, идентификация заявителя и приём документов.',
    specialistTitle: 'Входящие заявки',
    specialistBody: 'Здесь будут входящие заявки услугодателя и решения по ним.',
    supervisorTitle: 'Контроль и выдача результатов',
    verify: 'Проверка документа',
    verifyTitle: 'Проверка подлинности документа',
    audit: 'Аудит',
    admin: 'Администрирование',
    auditTitle: 'Журнал действий',
    adminTitle: 'Администрирование',
    supervisorBody: 'Здесь будут контроль сроков и печать результатов.',
    comingNext: 'Этот раздел подключается на следующем этапе.',
  },
  en: {
    nav: 'Sections',
    signOut: 'Sign out',
    signedInAs: (p: { name: string | number }) => `Signed in: ${p.name}`,
    operator: 'Operator',
    specialist: 'Specialist',
    supervisor: 'Supervisor',
    operatorTitle: 'Request intake',
    operatorBody: 'Choosing a service, identifying the applicant and receiving documents will be here.',
    specialistTitle: 'Incoming requests',
    specialistBody: 'The service provider’s incoming requests and decisions will be here.',
    supervisorTitle: 'Oversight and results',
    verify: 'Verify a document',
    verifyTitle: 'Verify a document',
    audit: 'Audit',
    admin: 'Administration',
    auditTitle: 'Audit trail',
    adminTitle: 'Administration',
    supervisorBody: 'Deadline oversight and printing of results will be here.',
    comingNext: 'This section is connected in the next stage.',
  },
})
export const operatorTexts = defineTexts({
  kk: {
    offline: 'Шлюз жоқ',
    intakeTab: 'Өтініш қабылдау',
    outboxTab: 'Жіберу кезегі',
    tabs: 'Оператор бөлімдері',
    shortcut: 'Alt+O',
  },
  ru: {
    offline: 'Нет шлюза',
    intakeTab: 'Приём заявлений',
    outboxTab: 'Очередь отправки',
    tabs: 'Разделы оператора',
    shortcut: 'Alt+O',
  },
  en: {
    offline: 'No gateway',
    intakeTab: 'Intake',
    outboxTab: 'Outbox',
    tabs: 'Operator sections',
    shortcut: 'Alt+O',
  },
})

/** The inbox and the supervisor's screen still register i18next texts until they move to typed tables. */
export function registerTexts(): void {
  registerInboxI18n(i18n)
  registerSupervisorI18n(i18n)
}
