import { defineErrors } from './types'

/** Error codes of the term extension (CATALOG G16: once, by the assignee, with a reason; TERM_EXTENDED / N1). */
export const termErrors = defineErrors({
  GW_TERM_ALREADY_EXTENDED: {
    kk: 'Бұл өтініштің мерзімі бір рет ұзартылған. Мерзімді екінші рет ұзартуға болмайды.',
    ru: 'Срок по этому заявлению уже продлевался. Продлить срок второй раз нельзя.',
    en: 'The term of this request has already been extended. It cannot be extended a second time.',
  },
  GW_TERM_NOT_EXTENDABLE: {
    kk: 'Бұл қызметтің регламенті қызмет көрсету мерзімін ұзартуға мүмкіндік бермейді.',
    ru: 'Регламент этой услуги не допускает продления срока оказания услуги.',
    en: 'The regulations of this service do not allow extending its term.',
  },
  GW_TERM_NOT_IN_PROCESSING: {
    kk: 'Мерзімді тек орындалудағы өтініш бойынша ұзартуға болады: шешім қабылданған немесе өтініш әлі алынбаған.',
    ru: 'Продлить срок можно только по заявлению на исполнении: решение уже принято или заявление ещё не взято в работу.',
    en: 'The term can only be extended while the request is in processing: a decision has been made or the request has not been taken yet.',
  },
  GW_TERM_NOT_ASSIGNEE: {
    kk: 'Мерзімді өтініш тағайындалған маман ғана ұзартады.',
    ru: 'Продлить срок может только исполнитель, которому назначено заявление.',
    en: 'Only the specialist the request is assigned to can extend its term.',
  },
})
