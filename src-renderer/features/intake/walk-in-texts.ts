/** Texts of the intake when it serves a department's own desk (a walk-in at АРМ РШЭП, CATALOG §2.5.2). */
import { defineTexts } from '../../i18n/texts'

export const walkInTexts = defineTexts({
  kk: {
    otherDepartment: 'Басқа бөлімнің қызметі',
    refusedTitle: 'Өтінішті осы бөлімде тіркеуге болмайды',
    providedBy: (provider: string) => `Қызметті көрсетеді: ${provider}`,
    back: 'Қызметтер тізіміне оралу',
    walkInNote: 'Тұтынушы бөлімге өзі келді: өтініш бөлімнің кіріс жәшігінде бірден тіркеледі.',
  },
  ru: {
    otherDepartment: 'Услуга другого отдела',
    refusedTitle: 'Зарегистрировать заявление в этом отделе нельзя',
    providedBy: (provider: string) => `Услугу оказывает: ${provider}`,
    back: 'Вернуться к списку услуг',
    walkInNote: 'Потребитель обратился в отдел лично: заявление регистрируется сразу во входящих отдела.',
  },
  en: {
    otherDepartment: 'Another department’s service',
    refusedTitle: 'This request cannot be registered in this department',
    providedBy: (provider: string) => `Provided by: ${provider}`,
    back: 'Back to the list of services',
    walkInNote: 'The consumer came to the department in person: the request is registered straight in the department’s inbox.',
  },
})
