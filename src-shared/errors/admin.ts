import { defineErrors } from './types'

/** Administration of accounts and units, the audit trail, and the desk's diagnostics. */
export const adminErrors = defineErrors({
  ADMIN_ACCOUNT_EXISTS: {
    kk: 'Мұндай логині немесе ЖСН бар есептік жазба бар. Басқа логин таңдаңыз немесе бар жазбаны өңдеңіз.',
    ru: 'Учётная запись с таким логином или ИИН уже есть. Выберите другой логин или измените существующую запись.',
    en: 'An account with this login or ИИН already exists. Choose another login or edit the existing account.',
  },
  ADMIN_ACCOUNT_NOT_FOUND: {
    kk: 'Есептік жазба табылмады. Тізімді жаңартыңыз.',
    ru: 'Учётная запись не найдена. Обновите список.',
    en: 'The account was not found. Refresh the list.',
  },
  ADMIN_PASSWORD_WEAK: {
    kk: 'Құпиясөз тым қарапайым: кемінде 10 таңба, әріп пен сан болуы керек.',
    ru: 'Пароль слишком простой: не меньше 10 символов, буквы и цифры.',
    en: 'The password is too simple: at least 10 characters with letters and digits.',
  },
  ADMIN_UNIT_REQUIRED: {
    kk: 'Операторға ХҚКО, маман мен бақылаушыға бөлім көрсетіңіз.',
    ru: 'Оператору укажите ЦОН, специалисту и руководителю — отдел.',
    en: 'An operator needs a ЦОН; a specialist and a supervisor need a department.',
  },
  ADMIN_CERT_BOUND_ELSEWHERE: {
    kk: 'Бұл сертификат басқа есептік жазбаға байланған. Алдымен сол жазбадан ажыратыңыз.',
    ru: 'Этот сертификат привязан к другой учётной записи. Сначала отвяжите его там.',
    en: 'This certificate is bound to another account. Unbind it there first.',
  },
  ADMIN_CERT_NOT_BOUND: {
    kk: 'Бұл сертификат осы есептік жазбаға байланбаған. Тізімді жаңартыңыз.',
    ru: 'Этот сертификат не привязан к этой учётной записи. Обновите список.',
    en: 'This certificate is not bound to this account. Refresh the list.',
  },
  ADMIN_SELF_LOCKOUT: {
    kk: 'Өз есептік жазбаңызды өшіруге немесе әкімші рөлін алып тастауға болмайды.',
    ru: 'Нельзя отключить свою учётную запись или снять с себя роль администратора.',
    en: 'You cannot disable your own account or remove your own administrator role.',
  },
})
