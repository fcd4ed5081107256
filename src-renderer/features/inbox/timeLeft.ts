import { useTexts } from '../../i18n/texts'
import { inboxTexts } from './texts'
import { splitDuration, type InboxRow } from './model'

/** "2 d 3 h left" / "overdue by …" / the settled mark: one wording for the inbox list, the request and the board. */
export function useLeftText() {
  const t = useTexts(inboxTexts)
  return (row: Pick<InboxRow, 'leftMs' | 'mark'>): string => {
    if (row.leftMs === null || row.mark === 'settled') return t.marks[row.mark]
    const d = splitDuration(row.leftMs)
    const value = d.days === 0 && d.hours === 0 ? t.leftMinutes(d.minutes) : t.left(d.days, d.hours)
    return row.leftMs < 0 ? t.overdueBy(value) : value
  }
}
