import { defineErrors } from './types'

export const bridgeErrors = defineErrors({
  BRIDGE_UNKNOWN_CHANNEL: {
    kk: 'Белгісіз сұрау арнасы. Бағдарламаны жаңартыңыз.',
    ru: 'Неизвестный канал запроса. Обновите программу.',
    en: 'Unknown request channel. Update the application.',
  },
  BRIDGE_INVALID_REQUEST: {
    kk: 'Сұрау пішімі дұрыс емес. Енгізілген деректерді тексеріңіз.',
    ru: 'Неверный формат запроса. Проверьте введённые данные.',
    en: 'The request is malformed. Check the data you entered.',
  },
  BRIDGE_BAD_RESPONSE: {
    kk: 'Бағдарлама ішкі жауабы келісімге сәйкес емес. Әкімшіге хабарлаңыз.',
    ru: 'Внутренний ответ программы не соответствует контракту. Сообщите администратору.',
    en: 'An internal answer did not match the contract. Tell your administrator.',
  },
  BRIDGE_FOREIGN_SENDER: {
    kk: 'Сұрау бөгде беттен келді және қабылданбады.',
    ru: 'Запрос пришёл с посторонней страницы и отклонён.',
    en: 'The request came from a foreign page and was refused.',
  },
  BRIDGE_UNAUTHORIZED: {
    kk: 'Жұмыс орнының хостына кіру рұқсаты жоқ. Бетті жұмыс орнының сілтемесі арқылы қайта ашыңыз.',
    ru: 'Нет доступа к хосту рабочего места. Откройте страницу заново по ссылке рабочего места.',
    en: 'No access to the workstation host. Reopen the page from the workstation link.',
  },
  BRIDGE_HOST_UNREACHABLE: {
    kk: 'Жұмыс орнының хосты жауап бермейді. Жұмыс орнын қайта іске қосып, бетті жаңартыңыз.',
    ru: 'Хост рабочего места не отвечает. Перезапустите рабочее место и обновите страницу.',
    en: 'The workstation host does not answer. Restart the workstation and reload the page.',
  },
  HOST_NOT_LOOPBACK: {
    kk: 'Жұмыс орнының хосты тек 127.0.0.1 немесе ::1 мекенжайында іске қосылады. Баптауды түзетіңіз.',
    ru: 'Хост рабочего места запускается только на адресе 127.0.0.1 или ::1. Исправьте настройку.',
    en: 'The workstation host only listens on 127.0.0.1 or ::1. Correct the setting.',
  },
  GATEWAY_INSECURE: {
    kk: 'Шлюз мекенжайы https емес немесе өңірдің CA файлы берілмеген. Әкімші ARM_GATEWAY_URL (https://…) мен ARM_GATEWAY_CA баптауы керек; http тек әзірлеу режимінде.',
    ru: 'Адрес шлюза не https или не задан файл CA региона. Администратору нужно задать ARM_GATEWAY_URL (https://…) и ARM_GATEWAY_CA; http — только в режиме разработки.',
    en: "The gateway address is not https or the region's CA file is not set. The administrator must set ARM_GATEWAY_URL (https://…) and ARM_GATEWAY_CA; http is for development mode only.",
  },
  GATEWAY_UNREACHABLE: {
    kk: 'Шлюз жауап бермейді. Желі байланысын тексеріп, қайталап көріңіз; ақау жойылмаса, әкімшіге хабарлаңыз.',
    ru: 'Шлюз не отвечает. Проверьте сетевое подключение и повторите попытку; если не помогает, сообщите администратору.',
    en: 'The gateway does not answer. Check the network connection and try again; if it persists, tell your administrator.',
  },
})
