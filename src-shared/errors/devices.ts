import { defineErrors } from './types'

/**
 * Error codes of the desk's devices: the document scanner (SANE on Linux, WIA on Windows) and NCALayer, the НУЦ's
 * local signing program. The texts say what happened and what the operator (or the administrator) does next.
 */
export const devicesErrors = defineErrors({
  SCANNER_DRIVER_MISSING: {
    kk: 'Сканер жүйесі табылмады (Linux-та SANE «scanimage», Windows-та WIA қызметі). Әкімшіге хабарласыңыз.',
    ru: 'Не найдена система сканирования (SANE «scanimage» в Linux, служба WIA в Windows). Обратитесь к администратору.',
    en: 'No scanning system was found (SANE "scanimage" on Linux, the WIA service on Windows). Contact the administrator.',
  },
  SCANNER_NOT_FOUND: {
    kk: 'Сканер табылмады. Сканердің қосылғанын және кабелін тексеріп, қайталаңыз.',
    ru: 'Сканер не найден. Проверьте, что сканер включён и подключён, и повторите.',
    en: 'No scanner was found. Check that the scanner is switched on and connected, then try again.',
  },
  SCANNER_BUSY: {
    kk: 'Сканер басқа сканерлеумен бос емес. Ол аяқталғанын күтіңіз немесе оны тоқтатыңыз.',
    ru: 'Сканер занят другим сканированием. Дождитесь его окончания или отмените его.',
    en: 'The scanner is busy with another scan. Wait for it to finish or cancel it.',
  },
  SCANNER_FEEDER_EMPTY: {
    kk: 'Беру құрылғысында қағаз жоқ немесе беттер сұралғаннан аз. Парақтарды салып, қайта сканерлеңіз; сканерленген беттер сақталды.',
    ru: 'В податчике нет бумаги или страниц меньше, чем запрошено. Положите листы и отсканируйте снова; отсканированные страницы сохранены.',
    en: 'The feeder is empty or held fewer pages than asked for. Load the sheets and scan again; the pages already scanned are kept.',
  },
  SCANNER_JAMMED: {
    kk: 'Сканерде қағаз кептеліп қалды. Қағазды алып, қайта сканерлеңіз.',
    ru: 'В сканере замялась бумага. Извлеките лист и отсканируйте снова.',
    en: 'Paper is jammed in the scanner. Remove the sheet and scan again.',
  },
  SCANNER_COVER_OPEN: {
    kk: 'Сканердің қақпағы ашық. Оны жауып, қайталаңыз.',
    ru: 'Крышка сканера открыта. Закройте её и повторите.',
    en: 'The scanner cover is open. Close it and try again.',
  },
  SCANNER_CANCELLED: {
    kk: 'Сканерлеу тоқтатылды.',
    ru: 'Сканирование отменено.',
    en: 'The scan was cancelled.',
  },
  SCANNER_FAILED: {
    kk: 'Сканерлеу сәтсіз аяқталды. Сканерді өшіріп-қосып, қайталаңыз; қайталанса, әкімшіге хабарласыңыз.',
    ru: 'Сканирование не удалось. Выключите и включите сканер и повторите; если повторится, обратитесь к администратору.',
    en: 'The scan failed. Switch the scanner off and on and try again; if it happens again, contact the administrator.',
  },
  NCALAYER_NOT_RUNNING: {
    kk: 'NCALayer іске қосылмаған немесе жауап бермейді. NCALayer бағдарламасын іске қосып, қайталаңыз.',
    ru: 'NCALayer не запущен или не отвечает. Запустите программу NCALayer и повторите.',
    en: 'NCALayer is not running or does not answer. Start NCALayer and try again.',
  },
  NCALAYER_CANCELLED: {
    kk: 'NCALayer терезесінде қол қою тоқтатылды.',
    ru: 'Подписание отменено в окне NCALayer.',
    en: 'Signing was cancelled in the NCALayer window.',
  },
  NCALAYER_BAD_RESPONSE: {
    kk: 'NCALayer түсініксіз жауап берді (қолтаңба жоқ немесе ол басқа деректерге қойылған). NCALayer-ді жаңартып, қайталаңыз.',
    ru: 'NCALayer вернул непонятный ответ (нет подписи или она относится к другим данным). Обновите NCALayer и повторите.',
    en: 'NCALayer answered with something unusable (no signature, or one over other data). Update NCALayer and try again.',
  },
})
