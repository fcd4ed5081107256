/**
 * The TERM_EXTENDED event (CATALOG §2.3: a notification, not a state; G16; N1 notice) as it travels on the status
 * stream: a status-history entry that keeps the request's status (IN_PROCESSING) and carries this note. One format,
 * written by the gateway and read by every desk (the ЦОН's outbox, the inbox), so it is parsed in one place.
 */
export const TERM_EXTENDED = 'TERM_EXTENDED'

export interface TermExtensionNote {
  /** The new deadline, ISO. */
  dueAt: string
  reason: string
}

export function termExtendedNote(n: TermExtensionNote): string {
  return `${TERM_EXTENDED} ${n.dueAt} ${n.reason}`
}

/** The extension a status note announces, or undefined for every other note. */
export function parseTermExtendedNote(note: string | null | undefined): TermExtensionNote | undefined {
  if (!note || !note.startsWith(`${TERM_EXTENDED} `)) return undefined
  const rest = note.slice(TERM_EXTENDED.length + 1)
  const i = rest.indexOf(' ')
  const dueAt = i < 0 ? rest : rest.slice(0, i)
  if (!Number.isFinite(Date.parse(dueAt))) return undefined
  return { dueAt, reason: i < 0 ? '' : rest.slice(i + 1) }
}
