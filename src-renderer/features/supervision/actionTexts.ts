import type { AuditAction } from '@shared/audit'
import { defineTexts } from '../../i18n/texts'

type Names = Record<AuditAction, string>

/** What each audited action is called on screen. */
export const actionTexts = defineTexts<Names>({
  kk: {
    'auth.sign-in': 'Жүйеге кірді', 'auth.sign-in-failed': 'Кіру сәтсіз', 'auth.sign-out': 'Жүйеден шықты', 'citizen.lookup': 'Азаматты іздеу',
    'request.submit': 'Өтініш жіберілді', 'request.open': 'Ашылды', 'request.take': 'Жұмысқа алынды', 'request.assign': 'Тағайындалды', 'request.decide': 'Шешім', 'request.extend-term': 'Мерзімі ұзартылды', 'request.prepare-decision': 'Шешім қол қоюға дайындалды',
    'result.print': 'Басып шығарылды', 'result.reprint': 'Қайта басылды', 'result.hand-over': 'Берілді', 'payment.record': 'Төлем',
    'admin.user-create': 'Есептік жазба құрылды', 'admin.user-update': 'Есептік жазба өзгертілді', 'admin.unit-put': 'Бөлімше өзгертілді', 'admin.certificate-bind': 'Сертификат байланды', 'admin.certificate-unbind': 'Сертификат ажыратылды',
    'admin.faults': 'Ақаулар баптауы', 'admin.log-verify': 'Журнал тексерілді', 'admin.audit-export': 'Журнал экспортталды',
  },
  ru: {
    'auth.sign-in': 'Вход', 'auth.sign-in-failed': 'Неудачный вход', 'auth.sign-out': 'Выход', 'citizen.lookup': 'Поиск гражданина',
    'request.submit': 'Заявка отправлена', 'request.open': 'Открыта', 'request.take': 'Взята в работу', 'request.assign': 'Назначена', 'request.decide': 'Решение', 'request.extend-term': 'Срок продлён', 'request.prepare-decision': 'Решение подготовлено на подпись',
    'result.print': 'Печать', 'result.reprint': 'Повторная печать', 'result.hand-over': 'Выдача', 'payment.record': 'Оплата',
    'admin.user-create': 'Учётная запись создана', 'admin.user-update': 'Учётная запись изменена', 'admin.unit-put': 'Подразделение изменено', 'admin.certificate-bind': 'Сертификат привязан', 'admin.certificate-unbind': 'Сертификат отвязан',
    'admin.faults': 'Настройка сбоев', 'admin.log-verify': 'Проверка журнала', 'admin.audit-export': 'Выгрузка журнала',
  },
  en: {
    'auth.sign-in': 'Signed in', 'auth.sign-in-failed': 'Sign-in refused', 'auth.sign-out': 'Signed out', 'citizen.lookup': 'Citizen look-up',
    'request.submit': 'Request sent', 'request.open': 'Opened', 'request.take': 'Taken', 'request.assign': 'Assigned', 'request.decide': 'Decision', 'request.extend-term': 'Term extended', 'request.prepare-decision': 'Decision prepared for signing',
    'result.print': 'Printed', 'result.reprint': 'Reprinted', 'result.hand-over': 'Handed over', 'payment.record': 'Payment',
    'admin.user-create': 'Account created', 'admin.user-update': 'Account changed', 'admin.unit-put': 'Unit changed', 'admin.certificate-bind': 'Certificate bound', 'admin.certificate-unbind': 'Certificate unbound',
    'admin.faults': 'Fault injection set', 'admin.log-verify': 'Log verified', 'admin.audit-export': 'Trail exported',
  },
})
