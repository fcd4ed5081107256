import type { i18n as I18n } from 'i18next'

/** Texts of the specialist's inbox (namespace `inbox`), registered into the renderer's one i18next instance. */
const kk = {
  title: 'Кіріс сұраулар',
  refresh: 'Жаңарту',
  loading: 'Жүктелуде…',
  empty: 'Бұл сүзгі бойынша сұраулар жоқ',
  count: '{{count}} сұрау',
  count_one: '{{count}} сұрау',
  hint: '↑/↓ — таңдау, Enter — ашу, R — жаңарту, 1–4 — сүзгі',
  filters: { label: 'Сүзгі', all: 'Барлығы', mine: 'Менікі', unassigned: 'Бөлінбеген', overdue: 'Мерзімі өткен' },
  cols: { regNo: 'Тіркеу нөмірі', service: 'Қызмет', applicant: 'Өтініш беруші', received: 'Түскен күні', deadline: 'Нормативтік мерзім', left: 'Қалған уақыт', status: 'Мәртебе', assignee: 'Орындаушы' },
  marks: { overdue: 'мерзімі өтті', near: 'мерзімі жақын', ok: 'мерзімінде', settled: 'шешілді', unknown: 'мерзімі белгісіз' },
  left: '{{days}} к {{hours}} сағ',
  leftMinutes: '{{minutes}} мин',
  overdueBy: '{{value}} кешікті',
  me: 'мен',
  nobody: '—',
  view: {
    back: 'Тізімге оралу (Esc)',
    request: '№ {{regNo}} сұрау',
    applicant: 'Өтініш беруші',
    form: 'Өтініш деректері',
    attachments: 'Тіркемелер',
    noAttachments: 'Тіркемелер жоқ',
    pages: '{{count}} бет',
    pages_one: '{{count}} бет',
    openAttachment: 'Ашу',
    preview: { title: 'Қарау: {{name}}', close: 'Жабу', loading: 'Файл жүктелуде…', unsupported: 'Бұл пішімді терезеде көрсету мүмкін емес — файлды сақтап, сыртқы бағдарламамен ашыңыз.', save: 'Файлды сақтау', hint: 'Esc — қарауды жабу', frame: 'Құжат: {{name}}' },
    sig: { PASSED: 'Оператордың ЭЦҚ-сы расталды', FAILED: 'Оператордың ЭЦҚ-сы жарамсыз — сұрауды шешпеңіз, әкімшіге хабарлаңыз', INDETERMINATE: 'Оператордың ЭЦҚ-сын толық тексеру мүмкін болмады (кері қайтарып алу мәртебесі белгісіз)' },
    take: 'Орындауға алу',
    taking: 'Алынуда…',
    takenByMe: 'Сұрау сізде орындалуда',
    takenByOther: 'Сұрау басқа маманда',
    decided: 'Шешім қабылданды: {{status}}',
  },
  retry: 'Қайталау',
}
type Tree = typeof kk

const ru: Tree = {
  title: 'Входящие запросы',
  refresh: 'Обновить',
  loading: 'Загрузка…',
  empty: 'По этому фильтру запросов нет',
  count: 'Запросов: {{count}}',
  count_one: 'Запросов: {{count}}',
  hint: '↑/↓ — выбор, Enter — открыть, R — обновить, 1–4 — фильтр',
  filters: { label: 'Фильтр', all: 'Все', mine: 'Мои', unassigned: 'Не распределённые', overdue: 'Просроченные' },
  cols: { regNo: 'Рег. номер', service: 'Услуга', applicant: 'Заявитель', received: 'Поступил', deadline: 'Нормативный срок', left: 'Осталось', status: 'Статус', assignee: 'Исполнитель' },
  marks: { overdue: 'просрочен', near: 'срок близко', ok: 'в срок', settled: 'решён', unknown: 'срок неизвестен' },
  left: '{{days}} д {{hours}} ч',
  leftMinutes: '{{minutes}} мин',
  overdueBy: 'просрочен на {{value}}',
  me: 'я',
  nobody: '—',
  view: {
    back: 'К списку (Esc)',
    request: 'Запрос № {{regNo}}',
    applicant: 'Заявитель',
    form: 'Данные заявления',
    attachments: 'Вложения',
    noAttachments: 'Вложений нет',
    pages: 'стр.: {{count}}',
    pages_one: 'стр.: {{count}}',
    openAttachment: 'Открыть',
    preview: { title: 'Просмотр: {{name}}', close: 'Закрыть', loading: 'Файл загружается…', unsupported: 'Этот формат нельзя показать в окне — сохраните файл и откройте его внешней программой.', save: 'Сохранить файл', hint: 'Esc — закрыть просмотр', frame: 'Документ: {{name}}' },
    sig: { PASSED: 'ЭЦП оператора подтверждена', FAILED: 'ЭЦП оператора недействительна — не принимайте решение, сообщите администратору', INDETERMINATE: 'ЭЦП оператора проверена не полностью (статус отзыва неизвестен)' },
    take: 'Взять в работу',
    taking: 'Берём…',
    takenByMe: 'Запрос на исполнении у вас',
    takenByOther: 'Запрос у другого специалиста',
    decided: 'Решение принято: {{status}}',
  },
  retry: 'Повторить',
}

const en: Tree = {
  title: 'Incoming requests',
  refresh: 'Refresh',
  loading: 'Loading…',
  empty: 'No requests match this filter',
  count: '{{count}} requests',
  count_one: '{{count}} request',
  hint: '↑/↓ — select, Enter — open, R — refresh, 1–4 — filter',
  filters: { label: 'Filter', all: 'All', mine: 'Mine', unassigned: 'Unassigned', overdue: 'Overdue' },
  cols: { regNo: 'Reg. number', service: 'Service', applicant: 'Applicant', received: 'Received', deadline: 'Regulated deadline', left: 'Time left', status: 'Status', assignee: 'Assignee' },
  marks: { overdue: 'overdue', near: 'deadline near', ok: 'on time', settled: 'decided', unknown: 'deadline unknown' },
  left: '{{days}} d {{hours}} h',
  leftMinutes: '{{minutes}} min',
  overdueBy: 'overdue by {{value}}',
  me: 'me',
  nobody: '—',
  view: {
    back: 'Back to the list (Esc)',
    request: 'Request No. {{regNo}}',
    applicant: 'Applicant',
    form: 'Application data',
    attachments: 'Attachments',
    noAttachments: 'No attachments',
    pages: '{{count}} pages',
    pages_one: '{{count}} page',
    openAttachment: 'Open',
    preview: { title: 'Preview: {{name}}', close: 'Close', loading: 'Loading the file…', unsupported: 'This format cannot be shown here — save the file and open it with another program.', save: 'Save the file', hint: 'Esc — close the preview', frame: 'Document: {{name}}' },
    sig: { PASSED: 'Operator’s signature verified', FAILED: 'Operator’s signature is invalid — do not decide, tell the administrator', INDETERMINATE: 'Operator’s signature only partly verified (revocation status unknown)' },
    take: 'Take',
    taking: 'Taking…',
    takenByMe: 'You are processing this request',
    takenByOther: 'Another specialist has this request',
    decided: 'Decided: {{status}}',
  },
  retry: 'Retry',
}

export const INBOX_NS = 'inbox'
export const inboxResources = { kk, ru, en }

/** Adds the inbox texts to the app's i18next instance (idempotent). */
export function registerInboxI18n(i18n: I18n): void {
  for (const [lng, tree] of Object.entries(inboxResources)) {
    if (!i18n.hasResourceBundle(lng, INBOX_NS)) i18n.addResourceBundle(lng, INBOX_NS, tree, true, true)
  }
}
