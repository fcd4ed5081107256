import { defineTexts } from '../i18n/texts'

export const sessionTexts = defineTexts({
  kk: {
    offline: 'Офлайн',
    offlineTitle: 'Офлайн режим: шлюз қолжетімсіз. Өтініштер кезекте сақталады және байланыс қалпына келгенде жіберіледі.',
    locked: 'Сеанс бұғатталды',
    unlock: 'Құлыпты ашу',
    password: 'Құпиясөз',
    signOut: 'Шығу',
    desk: (p: { n: string }) => `жұмыс орны ${p.n}`,
  },
  ru: {
    offline: 'Офлайн',
    offlineTitle: 'Офлайн-режим: шлюз недоступен. Заявления сохраняются в очереди и уйдут, когда связь восстановится.',
    locked: 'Сеанс заблокирован',
    unlock: 'Разблокировать',
    password: 'Пароль',
    signOut: 'Выйти',
    desk: (p: { n: string }) => `рабочее место ${p.n}`,
  },
  en: {
    offline: 'Offline',
    offlineTitle: 'Offline mode: the gateway is unreachable. Requests stay queued and go out when the connection is back.',
    locked: 'Session locked',
    unlock: 'Unlock',
    password: 'Password',
    signOut: 'Sign out',
    desk: (p: { n: string }) => `desk ${p.n}`,
  },
})
