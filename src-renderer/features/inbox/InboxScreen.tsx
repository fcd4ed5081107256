import { useVirtualizer } from '@tanstack/react-virtual'
import { formatDateTime } from '@shared/format'
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { statusLabel } from '@shared/catalog'
import { toArmError, type ArmErrorPayload, type Lang } from '@shared/errors'
import type { SessionUser } from '@shared/gateway/api'
import { useInboxPages } from '../../gateway/useInboxPages'
import { useLang } from '../../i18n/lang'
import { useInboxDeps } from './deps'
import { ErrorNote } from '../../ui/ErrorNote'
import { useTexts } from '../../i18n/texts'
import { inboxTexts } from './texts'
import { applyFilter, DEFAULT_SORT, sortRows, toRow, type InboxFilter, type Sort, type SortKey } from './model'
import { RequestView } from './RequestView'
import { useLeftText } from './timeLeft'

/** Above this many rows only the visible ones are in the DOM (the gateway answers up to 500). */
export const VIRTUAL_FROM = 60
/** Rows before the end of what is loaded at which the next inbox page is read. */
const PAGE_AHEAD = 20
const ROW_HEIGHT = 34

const FILTERS: InboxFilter[] = ['all', 'mine', 'unassigned', 'overdue']
const COLUMNS: { key: SortKey | 'applicant'; label: keyof (typeof inboxTexts)['kk']['cols'] }[] = [
  { key: 'registrationNumber', label: 'regNo' },
  { key: 'serviceName', label: 'service' },
  { key: 'applicant', label: 'applicant' },
  { key: 'receivedAt', label: 'received' },
  { key: 'deadlineAt', label: 'deadline' },
  { key: 'leftMs', label: 'left' },
  { key: 'status', label: 'status' },
  { key: 'assigneeId', label: 'assignee' },
]

/** Labels cut from a sentence («№ … тіркелді») start lower-case; a table cell starts a sentence. */
export function capitalized(s: string, lang: Lang): string {
  return s.charAt(0).toLocaleUpperCase(lang) + s.slice(1)
}

/**
 * The specialist's inbox: the department's requests with the regulated deadline and time left, filters, sort,
 * keyboard navigation (↑/↓, Enter opens, R refreshes, 1–4 filter); an opened request shows the RequestView.
 */
export function InboxScreen() {
  const t = useTexts(inboxTexts)
  const lang = useLang()
  const deps = useInboxDeps()
  // Paged by the gateway's cursor: the first page in work order, the next as the selection nears the end.
  const fetchInbox = useCallback((cursor?: string) => deps.api.inboxPage({ cursor }), [deps])
  const pages = useInboxPages(fetchInbox)
  const items = pages.items
  const [me, setMe] = useState<SessionUser | null>(null)
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const [filter, setFilter] = useState<InboxFilter>('all')
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT)
  const [cursor, setCursor] = useState(0)
  const [openId, setOpenId] = useState<string | null>(null)
  const [now, setNow] = useState(() => deps.now())
  const tableRef = useRef<HTMLDivElement>(null)
  const leftText = useLeftText()

  const load = useCallback(async () => {
    setError(null)
    try {
      const [user] = await Promise.all([me ? Promise.resolve(me) : deps.api.me(), pages.reload()])
      setMe(user)
      setNow(deps.now())
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }, [deps, me, pages.reload])

  useEffect(() => {
    void load()
    // Time left and the marks move with the clock, not only on refresh.
    const tick = setInterval(() => setNow(deps.now()), 60_000)
    return () => clearInterval(tick)
  }, [])

  const rows = useMemo(() => sortRows(applyFilter((items ?? []).map((i) => toRow(i, deps.catalog, lang, now)), filter, me?.id), sort), [items, deps.catalog, lang, now, filter, me, sort])
  const selected = rows[Math.min(cursor, Math.max(rows.length - 1, 0))]
  const opened = openId ? (items ?? []).find((i) => i.requestId === openId) : undefined

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    if (e.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, rows.length - 1))
    else if (e.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0))
    else if (e.key === 'Home') setCursor(0)
    else if (e.key === 'End') setCursor(rows.length - 1)
    else if (e.key === 'Enter' && selected) setOpenId(selected.requestId)
    else if (e.key === 'r' || e.key === 'R' || e.key === 'к' || e.key === 'К') void load()
    else if (/^[1-4]$/.test(e.key)) {
      setFilter(FILTERS[Number(e.key) - 1])
      setCursor(0)
    } else return
    e.preventDefault()
  }

  const virtual = rows.length > VIRTUAL_FROM
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => tableRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, enabled: virtual })
  const windowRows = virtual ? virtualizer.getVirtualItems() : null
  const shown = windowRows ? windowRows.map((v) => ({ r: rows[v.index], i: v.index })).filter((x) => x.r) : rows.map((r, i) => ({ r, i }))
  const padTop = windowRows?.length ? windowRows[0].start : 0
  const padBottom = windowRows?.length ? virtualizer.getTotalSize() - windowRows[windowRows.length - 1].end : 0
  // The next page is read when the selection or the scrolled window comes near the end of what is loaded.
  const { hasMore, more } = pages
  const reach = Math.max(cursor, windowRows?.length ? windowRows[windowRows.length - 1].index : 0)
  useEffect(() => {
    if (hasMore && rows.length && reach >= rows.length - PAGE_AHEAD) void more().catch((err: unknown) => setError(toArmError(err).toPayload()))
  }, [hasMore, more, reach, rows.length])

  useEffect(() => {
    if (virtual) virtualizer.scrollToIndex(Math.min(cursor, rows.length - 1), { align: 'auto' })
    else tableRef.current?.querySelector<HTMLElement>('tr[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' })
  }, [cursor, virtual, virtualizer, rows.length])

  if (opened && me) {
    return (
      <RequestView
        item={opened}
        me={me}
        now={now}
        onBack={() => {
          setOpenId(null)
          setTimeout(() => tableRef.current?.focus(), 0)
        }}
        onChanged={load}
      />
    )
  }

  const toggleSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }))

  return (
    <section className="inbox" data-testid="inbox">
      <header className="inbox__bar">
        <h2 className="inbox__title">{t.title}</h2>
        <div className="inbox__filters" role="radiogroup" aria-label={t.filters.label}>
          {FILTERS.map((f, i) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={filter === f}
              className="chip"
              data-testid={`inbox-filter-${f}`}
              onClick={() => {
                setFilter(f)
                setCursor(0)
              }}
            >
              {i + 1}. {t.filters[f]}
            </button>
          ))}
        </div>
        <button type="button" className="button" data-testid="inbox-refresh" onClick={() => void load()}>
          {t.refresh}
        </button>
      </header>
      {error && <ErrorNote error={error} onRetry={() => void load()} testId="inbox-error" />}
      <p className="inbox__hint">
        {t.hint} · <span data-testid="inbox-count">{t.count(rows.length)}</span>
      </p>
      <div
        className="inbox__table"
        tabIndex={0}
        ref={tableRef}
        onKeyDown={onKey}
        data-testid="inbox-table"
        data-virtual={virtual ? 'true' : 'false'}
        aria-activedescendant={selected ? `inbox-row-${selected.requestId}` : undefined}
        role="grid"
        aria-label={t.title}
      >
        <table>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={c.key === sort.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.key === 'applicant' ? (
                    t.cols[c.label]
                  ) : (
                    <button type="button" className="th-sort" tabIndex={-1} data-testid={`sort-${c.key}`} onClick={() => toggleSort(c.key as SortKey)}>
                      {t.cols[c.label]}
                      {c.key === sort.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                    </button>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items === null && !error && (
              <tr>
                <td colSpan={COLUMNS.length}>{t.loading}</td>
              </tr>
            )}
            {items !== null && rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} data-testid="inbox-empty">
                  {t.empty}
                </td>
              </tr>
            )}
            {padTop > 0 && <tr aria-hidden="true" className="inbox-pad" style={{ height: padTop }} />}
            {shown.map(({ r, i }) => (
              <tr
                key={r.requestId}
                id={`inbox-row-${r.requestId}`}
                aria-selected={r === selected}
                className={`inbox-row inbox-row--${r.mark}`}
                data-testid="inbox-row"
                data-reg-no={r.registrationNumber}
                data-mark={r.mark}
                data-status={r.status}
                onClick={() => setCursor(i)}
                onDoubleClick={() => setOpenId(r.requestId)}
              >
                <td>{r.registrationNumber}</td>
                <td title={r.serviceId}>{r.serviceName}</td>
                <td className="mono" data-testid="row-applicant">
                  {r.applicantMasked}
                </td>
                <td>{formatDateTime(r.receivedAt)}</td>
                <td>{r.deadlineAt === null ? '—' : formatDateTime(r.deadlineAt)}</td>
                <td>
                  <span className={`mark mark--${r.mark}`} data-testid="row-left">
                    {leftText(r)}
                  </span>
                </td>
                <td data-testid="row-status">{capitalized(statusLabel(r.status, lang), lang)}</td>
                <td>{r.assigneeId ? (r.assigneeId === me?.id ? t.me : (r.assigneeName ?? t.someoneElse)) : t.nobody}</td>
              </tr>
            ))}
            {padBottom > 0 && <tr aria-hidden="true" className="inbox-pad" style={{ height: padBottom }} />}
          </tbody>
        </table>
      </div>
    </section>
  )
}
