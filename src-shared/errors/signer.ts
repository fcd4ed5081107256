import { defineErrors } from './types'

/**
 * The authorised signer (issue 13 point 2): who may sign a department's decision is the certificate's — NCA's key-user
 * policy "first head" or "right to sign" with the department's БИН. The specialist prepares, the authorised person signs.
 */
export const signerErrors = defineErrors({
  GW_SIGNER_NOT_AUTHORISED: {
    kk: 'Бұл кілтпен шешімге қол қоюға болмайды: сертификатта бірінші басшы немесе қол қою құқығы бар тұлға белгісі жоқ (қызметкер кілті). Шешімді дайындап, уәкілетті тұлғаға қол қоюға жіберіңіз.',
    ru: 'Этим ключом решение подписать нельзя: в сертификате нет отметки первого руководителя или лица с правом подписи (ключ сотрудника). Подготовьте решение и передайте его на подпись уполномоченному лицу.',
    en: 'This key cannot sign the decision: its certificate is neither the first head\'s nor that of a person with the right to sign (an employee\'s key). Prepare the decision and pass it to the authorised person to sign.',
  },
  GW_PREPARED_DECISION_CHANGED: {
    kk: 'Қол қойылған құжат дайындалған шешімнен өзгеше. Дайындалған шешімді қайта ашып, соған қол қойыңыз.',
    ru: 'Подписанный документ отличается от подготовленного решения. Откройте подготовленное решение заново и подпишите его.',
    en: 'The signed document differs from the prepared decision. Open the prepared decision again and sign that.',
  },
  GW_DECISION_NOT_PREPARED: {
    kk: 'Бұл өтінім бойынша қол қоюға дайындалған шешім жоқ. Маман шешімді дайындағанша күтіңіз.',
    ru: 'По этой заявке нет решения, подготовленного на подпись. Дождитесь, пока специалист подготовит решение.',
    en: 'No decision has been prepared for signing on this request. Wait until the specialist prepares it.',
  },
})
