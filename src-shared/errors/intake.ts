import { defineErrors } from './types'

/**
 * Error codes of the intake area (sign-in, scans, forms, review & sign on the workstation).
 * Owned by the intake area; the texts say what happened and what the operator does next.
 */
export const intakeErrors = defineErrors({
  SCAN_UNSUPPORTED_TYPE: {
    kk: 'Файл түрі қолданылмайды. Тек JPEG, PNG, TIFF немесе PDF файлын тіркеңіз.',
    ru: 'Тип файла не поддерживается. Прикрепите файл JPEG, PNG, TIFF или PDF.',
    en: 'This file type is not supported. Attach a JPEG, PNG, TIFF or PDF file.',
  },
  SCAN_EMPTY_FILE: {
    kk: 'Файл бос. Құжатты қайта сканерлеңіз.',
    ru: 'Файл пустой. Отсканируйте документ заново.',
    en: 'The file is empty. Scan the document again.',
  },
  SCAN_FILE_TOO_LARGE: {
    kk: 'Файл тым үлкен. Төменірек ажыратымдылықпен қайта сканерлеңіз немесе бөліктерге бөліңіз.',
    ru: 'Файл слишком большой. Отсканируйте с меньшим разрешением или разделите на части.',
    en: 'The file is too large. Rescan at a lower resolution or split it into parts.',
  },
  SCAN_TOO_MANY_PAGES: {
    kk: 'Құжатта беттер тым көп. Артық беттерді жойыңыз немесе құжатты бөліңіз.',
    ru: 'В документе слишком много страниц. Удалите лишние страницы или разделите документ.',
    en: 'The document has too many pages. Delete extra pages or split the document.',
  },
  SCAN_CORRUPT_FILE: {
    kk: 'Файлды оқу мүмкін емес: ол бүлінген. Құжатты қайта сканерлеңіз.',
    ru: 'Файл не читается: он повреждён. Отсканируйте документ заново.',
    en: 'The file cannot be read: it is damaged. Scan the document again.',
  },
  SCAN_TIFF_UNSUPPORTED: {
    kk: 'Бұл TIFF қысу түрі қолданылмайды. Құжатты PDF, PNG немесе JPEG ретінде сканерлеңіз.',
    ru: 'Этот вид сжатия TIFF не поддерживается. Отсканируйте документ в PDF, PNG или JPEG.',
    en: 'This TIFF compression is not supported. Scan the document as PDF, PNG or JPEG.',
  },
  SCAN_PDF_ENCRYPTED: {
    kk: 'PDF құпиясөзбен қорғалған. Қорғаусыз нұсқасын тіркеңіз.',
    ru: 'PDF защищён паролем. Прикрепите версию без защиты.',
    en: 'The PDF is password-protected. Attach an unprotected copy.',
  },
  SCAN_PREVIEW_FAILED: {
    kk: 'Бұл PDF бетінің алдын ала көрінісін салу мүмкін болмады. Бет құжатта қалды; оны PDF қарау бағдарламасында тексеріңіз немесе қайта сканерлеңіз.',
    ru: 'Не удалось показать миниатюру этой страницы PDF. Страница осталась в документе; проверьте её в программе просмотра PDF или отсканируйте заново.',
    en: 'This PDF page could not be previewed. The page is still in the document; check it in a PDF viewer or scan it again.',
  },
  INTAKE_DOCUMENTS_MISSING: {
    kk: 'Міндетті құжаттар тіркелмеген немесе түпнұсқасы белгіленбеген. Тізімді толтырыңыз.',
    ru: 'Не приложены обязательные документы или не отмечены их бумажные оригиналы. Заполните перечень.',
    en: 'Required documents are missing or their paper originals are not marked. Complete the checklist.',
  },
  INTAKE_NO_SUBJECT_DATA: {
    kk: 'ГБД ФЛ/ЮЛ-да тұтынушы деректері жоқ. Қызмет көрсетуден бас тарту туралы хабарлама ресімделді.',
    ru: 'Нет данных потребителя в ГБД ФЛ/ЮЛ. Оформлен отказ в оказании услуги.',
    en: 'No consumer data in ГБД ФЛ/ЮЛ. A refusal has been recorded.',
  },
  INTAKE_POA_NOT_FOUND: {
    kk: 'Сенімхат ЕНИС-те табылмады. Сенімхат деректерін тексеріңіз; табылмаса, өтініш қабылданбайды.',
    ru: 'Доверенность не найдена в ЕНИС. Проверьте данные доверенности; если её нет, заявление не принимается.',
    en: 'The power of attorney was not found in ЕНИС. Check its data; without it the request cannot be accepted.',
  },
  INTAKE_REQUEST_IMMUTABLE: {
    kk: 'Қол қойылған өтінішті өзгертуге болмайды. Өзгерту үшін жаңа нұсқасын жасаңыз.',
    ru: 'Подписанное заявление нельзя изменить. Для правки создайте новую версию.',
    en: 'A signed request cannot be changed. Create a new version to edit it.',
  },
  INTAKE_DRAFT_SAVE_FAILED: {
    kk: 'Жобаны сақтау мүмкін болмады. Енгізілгендер экранда қалды; дискідегі орынды тексеріп, қайталаңыз.',
    ru: 'Не удалось сохранить черновик. Введённое осталось на экране; проверьте место на диске и повторите.',
    en: 'The draft could not be saved. What you typed is still on screen; check disk space and try again.',
  },
  SESSION_BAD_CREDENTIALS: {
    kk: 'Логин немесе құпиясөз қате. Қайта енгізіңіз.',
    ru: 'Неверный логин или пароль. Введите заново.',
    en: 'Wrong login or password. Enter them again.',
  },
  SESSION_OFFLINE_UNAVAILABLE: {
    kk: 'Шлюз қолжетімсіз, ал бұл пайдаланушы үшін офлайн кіру мүмкін емес (бұрын кірмеген немесе мерзімі өтті). Желі қалпына келгенде кіріңіз.',
    ru: 'Шлюз недоступен, а офлайн-вход для этого пользователя невозможен (не входил ранее или срок истёк). Войдите, когда сеть восстановится.',
    en: 'The gateway is unreachable and offline sign-in is not possible for this user (never signed in here, or it expired). Sign in when the network is back.',
  },
  SESSION_LOCKED: {
    kk: 'Сеанс әрекетсіздіктен бұғатталды. Жалғастыру үшін құпиясөзді енгізіңіз.',
    ru: 'Сеанс заблокирован из-за бездействия. Введите пароль, чтобы продолжить.',
    en: 'The session was locked after inactivity. Enter your password to continue.',
  },
  SESSION_EXPIRED: {
    kk: 'Сеанс мерзімі өтті. Қайта кіріңіз; жобалар сақталған.',
    ru: 'Срок сеанса истёк. Войдите заново; черновики сохранены.',
    en: 'The session has expired. Sign in again; your drafts are kept.',
  },
  SESSION_ECP_UNAVAILABLE: {
    kk: 'ЭЦҚ арқылы кіру мүмкін емес: жұмыс орнында кілттер қолжетімсіз. Логин және құпиясөз арқылы кіріңіз.',
    ru: 'Вход по ЭЦП невозможен: ключи на рабочем месте недоступны. Войдите по логину и паролю.',
    en: 'ЭЦП sign-in is not possible: no keys are available on this workstation. Sign in with login and password.',
  },
})
