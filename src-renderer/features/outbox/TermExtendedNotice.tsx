import { formatDate } from '@shared/format'
import { parseTermExtendedNote } from '@shared/gateway/term-extension'
import { useLiveQuery } from 'dexie-react-hooks'
import type { ArmDb } from '../../db/ArmDb'
import { useTexts } from '../../i18n/texts'
import { outboxTermTexts } from './term-texts'

/**
 * The provider extended the term (TERM_EXTENDED on the status stream, N1): «Мерзімі ұзартылды / Срок продлён до
 * dd.MM.yyyy» with the reason, read from the request's recorded status changes.
 */
export function TermExtendedNotice({ db, requestId }: { db: ArmDb; requestId: string | undefined }) {
  const t = useTexts(outboxTermTexts)
  const ext = useLiveQuery(async () => {
    if (!requestId) return undefined
    const rows = await db.statuses.where('requestId').equals(requestId).toArray()
    return rows.map((r) => parseTermExtendedNote(r.note)).filter(Boolean).pop()
  }, [db, requestId])
  if (!ext) return null
  return (
    <>
      <dt>{t.label}</dt>
      <dd data-testid="outbox-term-extended">
        {t.extended({ date: formatDate(ext.dueAt) })}
        <br />
        {t.reason({ reason: ext.reason })}
      </dd>
    </>
  )
}
