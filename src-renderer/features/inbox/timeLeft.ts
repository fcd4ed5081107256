import { useTranslation } from 'react-i18next'
import { INBOX_NS } from './i18n'
import { splitDuration, type InboxRow } from './model'

/** "2 d 3 h left" / "overdue by …" / the settled mark: one wording for the inbox list, the request and the board. */
export function useLeftText() {
  const { t } = useTranslation(INBOX_NS)
  return (row: Pick<InboxRow, 'leftMs' | 'mark'>): string => {
    if (row.leftMs === null || row.mark === 'settled') return t(`marks.${row.mark}`)
    const d = splitDuration(row.leftMs)
    const value = d.days === 0 && d.hours === 0 ? t('leftMinutes', { minutes: d.minutes }) : t('left', { days: d.days, hours: d.hours })
    return row.leftMs < 0 ? t('overdueBy', { value }) : value
  }
}
