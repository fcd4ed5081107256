import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { memo, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText, isErrorCode, type Lang } from '../../../src-shared/errors'
import type { ArmDb } from '../../db/ArmDb'
import type { OutboxItem, OutboxState, RequestRecord } from '../../db/types'
import { FILTER_STATES, OUTBOX_STATES, type OutboxFilter, type OutboxService } from '../../sync/OutboxService'
import type { StatusTracker } from '../../sync/StatusTracker'

export interface OutboxDeps {
  db: ArmDb
  service: OutboxService
  tracker?: StatusTracker
}

const ROW_HEIGHT = 64
const FILTERS: OutboxFilter[] = ['needs_attention', 'in_progress', 'done']

function useCounts(db: ArmDb): Record<OutboxState, number> | undefined {
  return useLiveQuery(async () => {
    const out = {} as Record<OutboxState, number>
    // Index counts only: cheap even with 100,000 items.
    for (const s of OUTBOX_STATES) out[s] = await db.outbox.where('state').equals(s).count()
    return out
  }, [db])
}

/** Counts per state for the app frame's top bar: always visible, turns red when something needs the operator. */
export function OutboxCounts({ db, onOpen }: { db: ArmDb; onOpen?: () => void }) {
  const { t } = useTranslation()
  const c = useCounts(db)
  if (!c) return null
  const attention = c.rejected + c.dead
  return (
    <button
      type="button"
      className={`outbox-counts${attention ? ' outbox-counts--attention' : ''}`}
      data-testid="outbox-counts"
      data-pending={c.pending}
      data-in-flight={c.in_flight}
      data-attention={attention}
      onClick={onOpen}
      title={t('outbox.counts', { pending: c.pending, in_flight: c.in_flight, attention })}
    >
      <span className="outbox-counts__label">{t('outbox.badge')}</span>
      <span className="outbox-counts__n outbox-counts__n--pending">{c.pending + c.in_flight}</span>
      {attention > 0 && <span className="outbox-counts__n outbox-counts__n--attention">{attention}</span>}
    </button>
  )
}

function percent(p?: { sent: number; total: number }): number | undefined {
  if (!p || !p.total) return undefined
  return Math.round((p.sent / p.total) * 100)
}

/** The queue: filters with counts, a virtualised list (10,000 rows stay smooth), and the chosen item's history. */
export function OutboxScreen({ deps, initialFilter = 'needs_attention', viewport }: { deps: OutboxDeps; initialFilter?: OutboxFilter; viewport?: { width: number; height: number } }) {
  const { t, i18n } = useTranslation()
  const lang = (i18n.language as Lang) ?? 'kk'
  const [filter, setFilter] = useState<OutboxFilter>(initialFilter)
  const [selected, setSelected] = useState<string | undefined>()
  const counts = useCounts(deps.db)
  const items = useLiveQuery(() => deps.service.list(filter), [deps.service, filter]) ?? []
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: viewport,
    // A fixed viewport (tests, print) replaces the ResizeObserver measurement.
    ...(viewport
      ? {
          observeElementRect: (_: unknown, cb: (rect: { width: number; height: number }) => void) => {
            cb(viewport)
            return () => undefined
          },
        }
      : {}),
  })
  const chosen = useMemo(() => items.find((i) => i.id === selected), [items, selected])

  return (
    <section className="outbox" data-testid="outbox-screen">
      <h1 className="outbox__title">{t('outbox.title')}</h1>
      <div role="tablist" aria-label={t('outbox.filter.label')} className="outbox__filters">
        {FILTERS.map((f) => (
          <button
            key={f}
            role="tab"
            type="button"
            aria-selected={f === filter}
            data-testid={`outbox-filter-${f}`}
            onClick={() => setFilter(f)}
            className="outbox__filter"
          >
            {t(`outbox.filter.${f}`)} <span className="outbox__filter-n">{counts ? FILTER_STATES[f].reduce((n, s) => n + counts[s], 0) : '…'}</span>
          </button>
        ))}
      </div>
      <div className="outbox__body">
        <div ref={scrollRef} className="outbox__list" data-testid="outbox-list" data-count={items.length} role="list">
          {items.length === 0 && <p className="outbox__empty">{t('outbox.empty')}</p>}
          <div className="outbox__spacer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => {
              const item = items[v.index]
              return (
                <OutboxRow
                  key={item.id}
                  item={item}
                  lang={lang}
                  top={v.start}
                  active={item.id === selected}
                  onSelect={setSelected}
                />
              )
            })}
          </div>
        </div>
        {/* keyed: the request's live query must not show the previously chosen item's registration number */}
        {chosen && <OutboxDetail key={chosen.id} deps={deps} item={chosen} lang={lang} />}
      </div>
    </section>
  )
}

/** Memoised: while scrolling only rows entering the window render; the others keep their props. */
const OutboxRow = memo(function OutboxRow({ item, lang, top, active, onSelect }: { item: OutboxItem; lang: Lang; top: number; active: boolean; onSelect: (id: string) => void }) {
  const { t } = useTranslation()
  const pct = item.state === 'in_flight' ? percent(item.progress) : undefined
  return (
    <div
      role="listitem"
      className={`outbox-row outbox-row--${item.state}${active ? ' outbox-row--active' : ''}`}
      data-testid="outbox-row"
      data-state={item.state}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <button type="button" className="outbox-row__main" onClick={() => onSelect(item.id)}>
        <span className="outbox-row__state">{t(`outbox.state.${item.state}`)}</span>
        <span className="outbox-row__id">{item.orderingKey.slice(0, 8)}</span>
        <span className="outbox-row__attempts">{t('outbox.attempts', { count: item.attempts })}</span>
        {item.lastError && item.state !== 'sent' && (
          <span className="outbox-row__error" data-code={item.lastError.code}>
            {isErrorCode(item.lastError.code) ? errorText(item.lastError.code, lang) : item.lastError.message ?? item.lastError.code}
          </span>
        )}
      </button>
      {pct !== undefined && (
        <progress className="outbox-row__progress" max={100} value={pct} aria-label={t('outbox.upload', { percent: pct })} />
      )}
    </div>
  )
})

function OutboxDetail({ deps, item, lang }: { deps: OutboxDeps; item: OutboxItem; lang: Lang }) {
  const { t } = useTranslation()
  const request = useLiveQuery(() => deps.db.requests.get(item.orderingKey), [deps.db, item.orderingKey]) as RequestRecord | undefined
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined)
    try {
      await fn()
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'INTERNAL'
      setError(errorText(code, lang))
    }
  }
  const canRetry = item.state === 'dead' || item.state === 'rejected'
  const canCancel = item.state === 'dead' || item.state === 'rejected' || item.state === 'pending'
  return (
    <aside className="outbox-detail" data-testid="outbox-detail" aria-live="polite">
      <h2>{t(`outbox.state.${item.state}`)}</h2>
      <p>{request?.registrationNumber ? t('outbox.registration', { number: request.registrationNumber }) : t('outbox.notRegistered')}</p>
      {request?.gatewayStatus && <p data-testid="outbox-gateway-status">{request.gatewayStatus}</p>}
      {item.lastError && (
        <p className="outbox-detail__error" role="alert">
          {isErrorCode(item.lastError.code) ? errorText(item.lastError.code, lang) : `${item.lastError.code}: ${item.lastError.message ?? ''}`}
        </p>
      )}
      <div className="outbox-detail__actions">
        {canRetry && (
          <button type="button" className="button" data-testid="outbox-retry" onClick={() => run(() => deps.service.retry(item.id))}>
            {t('outbox.retry')}
          </button>
        )}
        {request?.registrationNumber && deps.tracker && (
          <button type="button" className="button button--ghost" data-testid="outbox-refresh" onClick={() => run(() => deps.tracker!.refresh(item.orderingKey))}>
            {t('outbox.refreshStatus')}
          </button>
        )}
      </div>
      {canCancel && (
        <form
          className="outbox-detail__cancel"
          onSubmit={(e) => {
            e.preventDefault()
            void run(() => deps.service.cancel(item.id, reason))
          }}
        >
          <label>
            {t('outbox.cancelReason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="outbox-cancel-reason" />
          </label>
          <button type="submit" className="button button--danger" data-testid="outbox-cancel">
            {t('outbox.confirmCancel')}
          </button>
        </form>
      )}
      {error && <p role="alert" className="outbox-detail__error" data-testid="outbox-action-error">{error}</p>}
      <h3>{t('outbox.history')}</h3>
      <ol className="outbox-detail__history" data-testid="outbox-history">
        {item.history.map((h, i) => (
          <li key={i} data-kind={h.kind}>
            <time dateTime={new Date(h.at).toISOString()}>{new Date(h.at).toLocaleString(lang)}</time> {t(`outbox.kind.${h.kind}`)}
            {h.attempt ? ` #${h.attempt}` : ''}
            {h.code ? ` — ${h.code}${h.httpStatus ? ` (${h.httpStatus})` : ''}` : ''}
          </li>
        ))}
      </ol>
    </aside>
  )
}
