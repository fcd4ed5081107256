import { defineErrors } from './types'

/** Error codes of the outbox area. Owned by that area; add codes here, never in another area's file. */
export const outboxErrors = defineErrors({
  OUTBOX_NETWORK: {
    kk: 'Шлюзбен байланыс жоқ. Өтініш кезекте сақталды және байланыс қалпына келгенде өзі жіберіледі.',
    ru: 'Нет связи со шлюзом. Заявка сохранена в очереди и будет отправлена сама, когда связь восстановится.',
    en: 'The gateway cannot be reached. The request is kept in the queue and will be sent by itself when the link is back.',
  },
  OUTBOX_SERVER_ERROR: {
    kk: 'Шлюз уақытша қате қайтарды. Өтініш кезекте, жіберу автоматты түрде қайталанады.',
    ru: 'Шлюз вернул временную ошибку. Заявка в очереди, отправка повторится автоматически.',
    en: 'The gateway returned a temporary error. The request stays queued and sending will be retried automatically.',
  },
  OUTBOX_RATE_LIMITED: {
    kk: 'Шлюз жүктелген және күтуді сұрады. Жіберу көрсетілген уақыттан кейін қайталанады.',
    ru: 'Шлюз перегружен и попросил подождать. Отправка повторится после указанного времени.',
    en: 'The gateway is busy and asked us to wait. Sending will be retried after the time it gave.',
  },
  OUTBOX_REAUTH_REQUIRED: {
    kk: 'Сессия аяқталды. Жүйеге қайта кіріңіз; кезектегі өтініштер сақталған және кейін жіберіледі.',
    ru: 'Сеанс истёк. Войдите в систему заново; заявки в очереди сохранены и будут отправлены после входа.',
    en: 'The session has expired. Sign in again; queued requests are kept and will be sent after you sign in.',
  },
  OUTBOX_DEAD_ATTEMPTS: {
    kk: 'Өтінішті көп рет жіберу сәтсіз болды. Қатені қарап, «Қайталау» басыңыз немесе себебін көрсетіп болдырмаңыз.',
    ru: 'Заявку не удалось отправить после многих попыток. Посмотрите ошибку и нажмите «Повторить» или отмените с указанием причины.',
    en: 'The request could not be sent after many attempts. Look at the error, then press "Retry" or cancel it with a reason.',
  },
  OUTBOX_DEAD_AGE: {
    kk: 'Өтініш кезекте тым ұзақ тұрды. «Қайталау» басыңыз немесе себебін көрсетіп болдырмаңыз.',
    ru: 'Заявка слишком долго находится в очереди. Нажмите «Повторить» или отмените с указанием причины.',
    en: 'The request has been queued for too long. Press "Retry" or cancel it with a reason.',
  },
  OUTBOX_CANCELLED: {
    kk: 'Операторы өтінішті жіберуді болдырмады.',
    ru: 'Оператор отменил отправку заявки.',
    en: 'The operator cancelled sending this request.',
  },
  OUTBOX_CANCEL_REASON_REQUIRED: {
    kk: 'Болдырмау себебін жазыңыз (кемінде 3 таңба).',
    ru: 'Укажите причину отмены (не менее 3 символов).',
    en: 'Write the reason for cancelling (at least 3 characters).',
  },
  OUTBOX_NOT_SIGNED: {
    kk: 'Өтінішке әлі қол қойылмаған, сондықтан оны кезекке қоюға болмайды. Алдымен ЭЦҚ-мен қол қойыңыз.',
    ru: 'Заявка ещё не подписана, поэтому её нельзя поставить в очередь. Сначала подпишите её ЭЦП.',
    en: 'The request is not signed yet, so it cannot be queued. Sign it with the digital signature first.',
  },
  OUTBOX_DOCUMENT_MISSING: {
    kk: 'Өтініштің сканерленген құжаты жергілікті қоймада табылмады. Құжатты қайта сканерлеп, өтінішке қайта қол қойыңыз.',
    ru: 'Скан документа заявки не найден в локальном хранилище. Отсканируйте документ заново и переподпишите заявку.',
    en: 'A scanned document of the request is missing from local storage. Scan it again and re-sign the request.',
  },
  OUTBOX_ITEM_NOT_FOUND: {
    kk: 'Кезекте мұндай элемент жоқ. Тізімді жаңартыңыз.',
    ru: 'Такого элемента в очереди нет. Обновите список.',
    en: 'There is no such item in the queue. Refresh the list.',
  },
  OUTBOX_BAD_STATE: {
    kk: 'Бұл әрекет элементтің қазіргі күйінде мүмкін емес. Тізімді жаңартып, қайта көріңіз.',
    ru: 'Это действие невозможно в текущем состоянии элемента. Обновите список и попробуйте снова.',
    en: 'This action is not possible in the item\'s current state. Refresh the list and try again.',
  },
  OUTBOX_BAD_RESPONSE: {
    kk: 'Шлюз түсініксіз жауап қайтарды. Жіберу автоматты түрде қайталанады; қате қайталанса, әкімшіге хабарлаңыз.',
    ru: 'Шлюз вернул непонятный ответ. Отправка повторится автоматически; если ошибка не уходит, сообщите администратору.',
    en: 'The gateway returned an answer we could not read. Sending will be retried; if it keeps happening, tell your administrator.',
  },
  OUTBOX_STATUS_UNAVAILABLE: {
    kk: 'Өтініш мәртебесін алу мүмкін болмады. Байланысты тексеріп, «Мәртебені жаңарту» басыңыз.',
    ru: 'Не удалось получить статус заявки. Проверьте связь и нажмите «Обновить статус».',
    en: 'The request status could not be fetched. Check the link and press "Refresh status".',
  },
  OUTBOX_STORAGE_FAILED: {
    kk: 'Жергілікті қоймаға жазу мүмкін болмады; ешнәрсе өзгерген жоқ. Дискідегі бос орынды тексеріп, қайталаңыз.',
    ru: 'Не удалось записать в локальное хранилище; ничего не изменено. Проверьте место на диске и повторите.',
    en: 'Writing to local storage failed; nothing was changed. Check free disk space and try again.',
  },
})
