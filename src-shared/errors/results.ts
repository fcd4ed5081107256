import { defineErrors } from './types'

/**
 * Error codes of the results area: the signed result / refusal / receipt document (src-shared/results) and its
 * printing (src-shared/print, `arm print`). Owned by that area; add codes here, never in another area's file.
 */
export const resultsErrors = defineErrors({
  RESULT_DOCUMENT_INVALID: {
    kk: 'Нәтиже құжатының құрылымы дұрыс емес, оны басып шығаруға болмайды. Нәтижені шлюзден қайта жүктеңіз.',
    ru: 'Документ результата имеет неверную структуру и не может быть напечатан. Загрузите результат со шлюза заново.',
    en: 'The result document is malformed and cannot be printed. Download the result from the gateway again.',
  },
  RESULT_SERVICE_UNKNOWN: {
    kk: 'Нәтиже каталогта жоқ қызметке жатады. Бағдарламаның жаңа нұсқасын орнатыңыз немесе әкімшіге хабарлаңыз.',
    ru: 'Результат относится к услуге, которой нет в каталоге. Обновите программу или сообщите администратору.',
    en: 'The result belongs to a service that is not in the catalogue. Update the application or tell the administrator.',
  },
  RESULT_TEMPLATE_UNKNOWN: {
    kk: 'Бұл қызметте мұндай нәтиже үлгісі жоқ. Қызметтің үлгілерінің бірін таңдаңыз.',
    ru: 'У этой услуги нет такого шаблона результата. Выберите один из шаблонов услуги.',
    en: 'This service has no such result template. Choose one of the service’s templates.',
  },
  RESULT_FIELD_MISSING: {
    kk: 'Нәтиже үлгісінің міндетті өрісі толтырылмаған. Өрісті толтырып, қайталаңыз.',
    ru: 'Не заполнено обязательное поле шаблона результата. Заполните поле и повторите.',
    en: 'A required field of the result template is empty. Fill it in and try again.',
  },
  RESULT_FIELD_INVALID: {
    kk: 'Нәтиже өрісінің мәні өріс түріне сәйкес келмейді (күн, сан, ЖСН…). Мәнді түзетіңіз.',
    ru: 'Значение поля результата не соответствует его типу (дата, число, ИИН…). Исправьте значение.',
    en: 'A result field’s value does not match its type (date, number, IIN…). Correct the value.',
  },
  RESULT_SAMPLE_MISSING: {
    kk: 'Үлгінің мысал деректерінде өріс жетіспейді, үлгі басылмайды. Каталогтың мысал деректерін толықтырыңыз.',
    ru: 'В образце данных шаблона не хватает поля — шаблон не напечатан. Дополните образец данных в каталоге.',
    en: 'The template’s sample data lacks a field, so the template was not printed. Complete the sample data in the catalogue.',
  },
  RESULT_REFUSAL_REASON_MISSING: {
    kk: 'Бас тарту туралы хабарламада себеп мәтіні жоқ. Дәлелді бас тарту себепсіз берілмейді — себепті жазыңыз.',
    ru: 'В отказе нет текста причины. Мотивированный отказ без причины не выдаётся — укажите причину.',
    en: 'The refusal has no reason text. A reasoned refusal cannot be issued without a reason — state the reason.',
  },
  RESULT_REFUSAL_REASON_KK_MISSING: {
    kk: 'Бас тарту себебі қазақ тілінде жазылмаған. Дәлелді бас тарту хаты тұтынушының тілінде басылады — себепті қазақша да жазыңыз.',
    ru: 'Причина отказа не указана на казахском языке. Мотивированный отказ печатается на языке потребителя — укажите причину и на казахском.',
    en: 'The refusal reason is not given in Kazakh. The reasoned refusal is printed in the consumer’s language — give the reason in Kazakh too.',
  },
  RESULT_REFUSAL_GROUND_UNKNOWN: {
    kk: 'Бас тарту негізі осы қызметтің негіздерінің тізімінде жоқ. Тізімнен негізді таңдаңыз.',
    ru: 'Основание отказа не входит в перечень оснований этой услуги. Выберите основание из перечня.',
    en: 'The refusal ground is not one of this service’s grounds. Choose a ground from the list.',
  },
  RESULT_SIGNATURE_INVALID: {
    kk: 'Нәтиженің қолтаңбасы тексеруден өтпеді: құжат жарамды ретінде басып шығарылмайды. Нәтижені шлюзден қайта алыңыз немесе қызмет берушіге хабарласыңыз.',
    ru: 'Подпись результата не прошла проверку: документ не печатается как действительный. Получите результат со шлюза заново или обратитесь к услугодателю.',
    en: 'The result’s signature failed verification: the document is not printed as valid. Fetch the result from the gateway again or contact the provider.',
  },
  RESULT_FONT_MISSING: {
    kk: 'Басып шығаруға арналған қаріп табылмады. Бағдарламаны қайта орнатыңыз.',
    ru: 'Не найден шрифт для печати. Переустановите программу.',
    en: 'The print font was not found. Reinstall the application.',
  },
})
