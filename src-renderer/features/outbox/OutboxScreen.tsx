import { useVirtualizer } from '@tanstack/react-virtual'
import { formatDateTime } from '@shared/format'
import { useLiveQuery } from 'dexie-react-hooks'
import { memo, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { errorText, type Lang } from '../../../src-shared/errors'
import type { ArmDb } from '../../db/ArmDb'
import type { OutboxItem, OutboxState, RequestRecord } from '../../db/types'
import { FILTER_STATES, type OutboxFilter, type OutboxService } from '../../sync/OutboxService'
import type { StatusTracker } from '../../sync/StatusTracker'
import { errorMessage, summariseRequest, type RequestSummary } from './requestSummary'
import type { SignatureLevel } from '../../gateway/timestamp'
import { outboxTexts } from './texts'
import { TermExtendedNotice } from './TermExtendedNotice'

export interface OutboxDeps {
  db: ArmDb
  service: OutboxService
  tracker?: StatusTracker
}

const ROW_HEIGHT = 80
const FILTERS: OutboxFilter[] = ['needs_attention', 'in_progress', 'done']

/** Rows read per step of the list: the first screenful and then one more page as the window nears the end. */
const PAGE = 100

/** The queue's counts, kept incrementally by the outbox (never recounted on a change). */
function useCounts(service: OutboxService): Record<OutboxState, number> | undefined {
  const counter = service.counter
  const desk = useSyncExternalStore(
    (l) => counter.subscribe(l),
    () => counter.current(),
  )
  // One desk, several people: the signed-in person's queue is counted over their own items.
  const mine = useLiveQuery(() => (service.personal() ? service.counts() : undefined), [service])
  return service.personal() ? mine : desk
}

/** Counts per state for the app frame's top bar: always visible, turns red when something needs the operator. */
export function OutboxCounts({ service, onOpen }: { service: OutboxService; onOpen?: () => void }) {
  const tx = useTexts(outboxTexts)
  const c = useCounts(service)
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
      title={tx.counts({ pending: c.pending, in_flight: c.in_flight, attention })}
    >
      <span className="outbox-counts__label">{tx.badge}</span>
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
  const tx = useTexts(outboxTexts)
  const lang = useLang()
  const [{ filter, limit }, setPage] = useState<{ filter: OutboxFilter; limit: number }>({ filter: initialFilter, limit: PAGE })
  const setFilter = (f: OutboxFilter) => setPage({ filter: f, limit: PAGE })
  const [selected, setSelected] = useState<string | undefined>()
  const counts = useCounts(deps.service)
  // Paged by the [state+updatedAt] index: only the rows up to the window's end are read, whatever the queue's size.
  const loaded = useLiveQuery(async () => ({ filter, items: await deps.service.list(filter, limit) }), [deps.service, filter, limit])
  // While a longer page loads, the rows already read stay on screen (not while switching filters).
  const lastLoaded = useRef(loaded)
  if (loaded) lastLoaded.current = loaded
  const items = (loaded ?? (lastLoaded.current?.filter === filter ? lastLoaded.current : undefined))?.items ?? []
  const total = counts ? Math.max(items.length, FILTER_STATES[filter].reduce((n, s) => n + counts[s], 0)) : items.length
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: total,
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
  const visible = virtualizer.getVirtualItems()
  const lastVisible = visible.length ? visible[visible.length - 1].index : 0
  useEffect(() => {
    // The read grows geometrically: scrolling through 10,000 rows re-reads the list a handful of times, not a hundred.
    if (lastVisible + PAGE / 2 >= limit && limit < total) setPage((p) => (p.filter === filter ? { filter, limit: Math.max(p.limit * 2, lastVisible + PAGE) } : p))
  }, [lastVisible, limit, total, filter])
  // The requests of the rows on screen only: one primary-key batch read (bulkGet) per window, never one per row or a
  // scan. A live query, so a status the StatusTracker stores (RESULT_READY, REFUSED…) shows in the row at once.
  const visibleKeys = visible.map((v) => items[v.index]?.orderingKey).filter((k): k is string => !!k)
  const keysSig = visibleKeys.join('|')
  const requests = useLiveQuery(
    async () => {
      const keys = keysSig ? keysSig.split('|') : []
      const found = await deps.db.requests.bulkGet(keys)
      const byId = new Map<string, RequestRecord>()
      for (const r of found) if (r) byId.set(r.id, r)
      return byId
    },
    [deps.db, keysSig],
  )
  // While the next window's read runs, rows still on screen keep what the previous read found (no flicker on scroll).
  const lastRequests = useRef<Map<string, RequestRecord> | undefined>(undefined)
  if (requests) lastRequests.current = requests
  const shown = requests ?? lastRequests.current

  return (
    <section className="outbox" data-testid="outbox-screen">
      <h1 className="outbox__title">{tx.title}</h1>
      <div role="tablist" aria-label={tx.filter.label} className="outbox__filters">
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
            {tx.filter[f]} <span className="outbox__filter-n">{counts ? FILTER_STATES[f].reduce((n, s) => n + counts[s], 0) : '…'}</span>
          </button>
        ))}
      </div>
      <div className="outbox__body">
        <div ref={scrollRef} className="outbox__list" data-testid="outbox-list" data-count={total} data-loaded={items.length} role="list">
          {total === 0 && <p className="outbox__empty">{tx.empty}</p>}
          <div className="outbox__spacer" style={{ height: virtualizer.getTotalSize() }}>
            {visible.map((v) => {
              const item = items[v.index]
              if (!item) return null
              return (
                <OutboxRow
                  key={item.id}
                  item={item}
                  request={shown?.get(item.orderingKey)}
                  loaded={requests !== undefined}
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
const OutboxRow = memo(function OutboxRow({ item, request, loaded, lang, top, active, onSelect }: { item: OutboxItem; request?: RequestRecord; loaded: boolean; lang: Lang; top: number; active: boolean; onSelect: (id: string) => void }) {
  const tx = useTexts(outboxTexts)
  const pct = item.state === 'in_flight' ? percent(item.progress) : undefined
  const sum = useMemo(() => summariseRequest(request, lang), [request, lang])
  const attention = item.state === 'rejected' || item.state === 'dead'
  return (
    <div
      role="listitem"
      className={`outbox-row outbox-row--${item.state}${active ? ' outbox-row--active' : ''}`}
      data-testid="outbox-row"
      data-state={item.state}
      data-request-id={item.orderingKey}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <button type="button" className="outbox-row__main" onClick={() => onSelect(item.id)} aria-pressed={active}>
        <span className="outbox-row__line">
          <span className={`outbox-row__state outbox-badge outbox-badge--${item.state}`}>{tx.state[item.state]}</span>
          <span className="outbox-row__service" data-testid="outbox-row-service" title={sum?.serviceName}>
            {sum?.serviceName ?? (loaded ? tx.unknownRequest : '…')}
          </span>
          {sum?.gatewayStatusLabel && (
            <span className="outbox-row__gateway" data-testid="outbox-row-gateway-status" data-status={sum.gatewayStatus}>
              {sum.gatewayStatusLabel}
            </span>
          )}
        </span>
        <RequestFacts sum={sum} lang={lang} attempts={item.attempts} />
        {item.lastError && attention && (
          <span className="outbox-row__error" data-testid="outbox-row-error" data-code={item.lastError.code} title={errorMessage(item.lastError, lang, tx.unknownError)}>
            {errorMessage(item.lastError, lang, tx.unknownError)}
          </span>
        )}
      </button>
      {pct !== undefined && (
        <progress className="outbox-row__progress" max={100} value={pct} aria-label={tx.upload({ percent: pct })} />
      )}
    </div>
  )
})

/** Kazakhstan time, dd.MM.yyyy HH:mm (the product's one formatter; never the browser's locale guess). */
function formatTime(ms: number, _lang?: Lang): string {
  return formatDateTime(ms)
}

/** Applicant (masked ИИН/БИН and name), signing time, registration number, attempts: the row's second line. */
function RequestFacts({ sum, lang, attempts }: { sum?: RequestSummary; lang: Lang; attempts: number }) {
  const tx = useTexts(outboxTexts)
  return (
    <span className="outbox-row__facts">
      {sum?.applicantMasked && (
        <span className="outbox-row__applicant" data-testid="outbox-row-applicant">
          {tx.applicant}: <span className="outbox-row__iin">{sum.applicantMasked}</span>
          {sum.applicantName ? ` ${sum.applicantName}` : ''}
        </span>
      )}
      {sum?.signedAt !== undefined && (
        <span className="outbox-row__signed">
          {tx.signedAt}: <time dateTime={new Date(sum.signedAt).toISOString()}>{formatTime(sum.signedAt, lang)}</time>
        </span>
      )}
      {sum?.registrationNumber && <span className="outbox-row__regno" data-testid="outbox-row-regno">№ {sum.registrationNumber}</span>}
      <span className="outbox-row__attempts">{tx.attempts({ count: attempts })}</span>
    </span>
  )
}

/** CAdES-T or CAdES-BES of the signature as this desk queued it (the CMS reader loads with the first detail opened). */
function useSignatureLevel(cms: string | undefined): SignatureLevel | undefined {
  const [level, setLevel] = useState<SignatureLevel>()
  useEffect(() => {
    let live = true
    setLevel(undefined)
    if (cms) void import('../../gateway/timestamp').then((m) => live && setLevel(m.signatureLevel(cms)))
    return () => {
      live = false
    }
  }, [cms])
  return level
}

function OutboxDetail({ deps, item, lang }: { deps: OutboxDeps; item: OutboxItem; lang: Lang }) {
  const tx = useTexts(outboxTexts)
  // Wrapped so "still loading" (undefined) differs from "this desk has no such request" ({ request: undefined }).
  const loaded = useLiveQuery(async () => ({ request: await deps.db.requests.get(item.orderingKey) }), [deps.db, item.orderingKey])
  const request: RequestRecord | undefined = loaded?.request
  const level = useSignatureLevel(request?.signature)
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
  const sum = useMemo(() => summariseRequest(request, lang), [request, lang])
  const canRetry = item.state === 'dead' || item.state === 'rejected'
  const canCancel = item.state === 'dead' || item.state === 'rejected' || item.state === 'pending'
  return (
    <aside className="outbox-detail" data-testid="outbox-detail" aria-live="polite">
      <h2 className="outbox-detail__title">{sum?.serviceName ?? (loaded ? tx.unknownRequest : '…')}</h2>
      <div className="outbox-detail__state">
        <span className={`outbox-badge outbox-badge--${item.state}`}>{tx.state[item.state]}</span>
      </div>
      {/* The first paragraph is the registration line (the delivery e2e reads it there). */}
      <p className="outbox-detail__reg" data-testid="outbox-detail-registration">
        {request?.registrationNumber ? tx.registration({ number: request.registrationNumber }) : tx.notRegistered}
      </p>
      <dl className="outbox-detail__facts">
        {sum?.applicantMasked && (
          <>
            <dt>{tx.applicant}</dt>
            <dd data-testid="outbox-detail-applicant">
              {sum.applicantMasked}
              {sum.applicantName ? ` ${sum.applicantName}` : ''}
            </dd>
          </>
        )}
        {sum?.signedAt !== undefined && (
          <>
            <dt>{tx.signedAt}</dt>
            <dd>{formatTime(sum.signedAt, lang)}</dd>
          </>
        )}
        {level && (
          <>
            <dt>{tx.signatureLevel}</dt>
            <dd data-testid="outbox-detail-signature-level" data-level={level} className={level === 'CAdES-BES' ? 'outbox-detail__bes' : undefined}>
              {level === 'CAdES-T' ? tx.levelT : tx.levelBes}
            </dd>
          </>
        )}
        {sum?.gatewayStatusLabel && (
          <>
            <dt>{tx.gatewayStatus}</dt>
            <dd data-testid="outbox-gateway-status" data-status={sum.gatewayStatus}>
              {sum.gatewayStatusLabel}
              {request?.gatewayStatusAt ? ` · ${formatTime(request.gatewayStatusAt, lang)}` : ''}
            </dd>
          </>
        )}
        <TermExtendedNotice db={deps.db} requestId={request?.id} />
      </dl>
      {item.lastError && (item.state === 'rejected' || item.state === 'dead') && (
        <div className="outbox-detail__error" role="alert" data-testid="outbox-detail-error" data-code={item.lastError.code}>
          <p>{errorMessage(item.lastError, lang, tx.unknownError)}</p>
          <p className="outbox-detail__next">{tx.next[item.state]}</p>
        </div>
      )}
      <div className="outbox-detail__actions">
        {canRetry && (
          <button type="button" className="button" data-testid="outbox-retry" onClick={() => run(() => deps.service.retry(item.id))}>
            {tx.retry}
          </button>
        )}
        {request?.registrationNumber && deps.tracker && (
          <button type="button" className="button button--ghost" data-testid="outbox-refresh" onClick={() => run(() => deps.tracker!.refresh(item.orderingKey))}>
            {tx.refreshStatus}
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
            {tx.cancelReason}
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="outbox-cancel-reason" />
          </label>
          <button type="submit" className="button button--danger" data-testid="outbox-cancel">
            {tx.confirmCancel}
          </button>
        </form>
      )}
      {error && <p role="alert" className="outbox-detail__error" data-testid="outbox-action-error">{error}</p>}
      <h3>{tx.history}</h3>
      <ol className="outbox-detail__history" data-testid="outbox-history">
        {item.history.map((h, i) => (
          <li key={i} data-kind={h.kind}>
            <time dateTime={new Date(h.at).toISOString()}>{formatTime(h.at, lang)}</time> {tx.kind[h.kind]}
            {h.attempt ? ` #${h.attempt}` : ''}
            {h.code ? ` — ${h.code}${h.httpStatus ? ` (${h.httpStatus})` : ''}` : ''}
          </li>
        ))}
      </ol>
    </aside>
  )
}
