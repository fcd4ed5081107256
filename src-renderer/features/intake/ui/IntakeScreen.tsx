import { useCallback, useEffect, useState } from 'react'
import { formatDateTime } from '@shared/format'
import { useLang } from '../../../i18n/lang'
import { useTexts } from '../../../i18n/texts'
import type { ServiceDefinition } from '@shared/catalog/types'
import { REQUEST_STATUS_LABELS, statusLabel, type RequestStatusCode } from '@shared/catalog'
import { errorText } from '@shared/errors'
import { intakeTexts } from '../texts'
import { walkInTexts } from '../walk-in-texts'
import { deskSigningTexts } from '../desk-signing-texts'
import { emptyDraft, type IntakeDraft } from '../core/model'
import { useIntakeDeps } from './deps'
import { IntakeForm } from './IntakeForm'
import { ServicePicker } from './ServicePicker'
import { BatchPanel } from './BatchPanel'
import { TokensStatus } from './TokensPanel'

const isRequestStatus = (s: string): s is RequestStatusCode => Object.prototype.hasOwnProperty.call(REQUEST_STATUS_LABELS, s)

type Recent = Awaited<ReturnType<NonNullable<ReturnType<typeof useIntakeDeps>['recentRequests']>>>

/**
 * The operator's (and the walk-in specialist's) intake area: drafts to resume, the service picker, the form, and
 * the requests of this desk with their queue state.
 */
export function IntakeScreen() {
  const tx = useTexts(intakeTexts)
  const lang = useLang()
  const deps = useIntakeDeps()
  const services = deps.catalog.services()
  const walkIn = useTexts(walkInTexts)
  const desk = useTexts(deskSigningTexts)
  const [open, setOpen] = useState<{ service: ServiceDefinition; draft: IntakeDraft } | null>(null)
  /** A service of another department picked at a department's desk: refused here, before any form is filled. */
  const [refused, setRefused] = useState<ServiceDefinition | null>(null)
  const offers = (s: ServiceDefinition) => !deps.offers || deps.offers(s.id)
  const [drafts, setDrafts] = useState<IntakeDraft[]>([])
  const [recent, setRecent] = useState<Recent>([])
  /** Grows when a token is plugged in or removed, or the drivers change: key lists are read again. */
  const [keysVersion, setKeysVersion] = useState(0)
  const [setAside, setSetAside] = useState(false)

  const refresh = useCallback(async () => {
    setDrafts(await deps.store.list())
    if (deps.recentRequests) setRecent(await deps.recentRequests())
  }, [deps])

  useEffect(() => {
    void refresh()
    const timer = setInterval(() => void refresh(), 2000)
    return () => clearInterval(timer)
  }, [refresh, open])

  const start = (service: ServiceDefinition) => {
    setRefused(null)
    if (!offers(service)) return setRefused(service)
    const d = emptyDraft({ id: deps.newId(), serviceId: service.id, channel: deps.operator().channel, now: deps.now() })
    setOpen({ service, draft: d })
  }
  const resume = (d: IntakeDraft) => {
    const service = services.find((s) => s.id === d.serviceId)
    setSetAside(false)
    // Opened again for editing: it is no longer the reviewed request set aside (its next save drops the mark).
    if (service) setOpen({ service, draft: { ...d, reviewed: undefined } })
  }
  const byId = (id: string) => services.find((s) => s.id === id)

  return (
    <div className="intake">
      <aside className="intake__side">
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setOpen(null)
            setRefused(null)
          }}
          data-testid="new-request"
        >
          + {tx.form.newRequest}
        </button>
        {deps.tokens?.available() && <TokensStatus port={deps.tokens} onKeysChanged={() => setKeysVersion((v) => v + 1)} />}
        <BatchPanel drafts={drafts} service={byId} onChanged={() => void refresh()} onOpen={resume} keysVersion={keysVersion} />
        <h3>{tx.form.drafts}</h3>
        {drafts.filter((d) => !d.reviewed).length === 0 ? (
          <p className="muted">{tx.form.noDrafts}</p>
        ) : (
          <ul className="intake__drafts" data-testid="drafts">
            {drafts.filter((d) => !d.reviewed).map((d) => (
              <li key={d.id}>
                <button type="button" className="link" onClick={() => resume(d)}>
                  {byId(d.serviceId)?.shortName[lang] ?? d.serviceId}
                  {' · '}
                  {formatDateTime(d.updatedAt)}
                </button>
              </li>
            ))}
          </ul>
        )}
        {recent.length > 0 && (
          <>
            <h3>{tx.requests}</h3>
            <ul className="intake__recent" data-testid="recent-requests">
              {recent.map((r) => (
                <li key={r.id} data-state={r.state} data-service-id={r.serviceId} data-gateway-status={r.gatewayStatus}>
                  {/* Once the gateway has it, its status (kept current by the StatusTracker, the same field the queue shows) says where the request is. */}
                  <span className={`badge badge--${r.state}`}>
                    {r.gatewayStatus && isRequestStatus(r.gatewayStatus) ? statusLabel(r.gatewayStatus, lang) : (tx.states as Record<string, string>)[r.state] ?? r.state}
                  </span>{' '}
                  {byId(r.serviceId)?.shortName[lang] ?? r.serviceId}
                  {r.applicantMasked ? ` · ${r.applicantMasked}` : ''}
                  {r.registrationNumber ? ` · № ${r.registrationNumber}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </aside>
      <main className="intake__main">
        {open ? (
          <IntakeForm
            key={open.draft.id}
            service={open.service}
            draft={open.draft}
            keysVersion={keysVersion}
            onDone={(next) => {
              setOpen(null)
              setSetAside(next === 'set-aside')
              void refresh()
            }}
            onOpenDraft={resume}
          />
        ) : refused ? (
          <section className="refusal" role="alert" data-testid="intake-foreign-service" data-code="PROVIDER_SERVICE_NOT_OF_DEPARTMENT">
            <h2>{walkIn.refusedTitle}</h2>
            <p>
              <strong>{refused.name[lang]}</strong>
            </p>
            <p>{walkIn.providedBy(refused.provider.name[lang])}</p>
            <p data-testid="intake-foreign-message">
              {errorText('PROVIDER_SERVICE_NOT_OF_DEPARTMENT', lang)} [PROVIDER_SERVICE_NOT_OF_DEPARTMENT]
            </p>
            <button type="button" className="button" autoFocus onClick={() => setRefused(null)} data-testid="intake-foreign-back">
              {walkIn.back}
            </button>
          </section>
        ) : (
          <>
            {setAside && (
              <p className="intake__note" role="status" data-testid="intake-note">
                ✓ {desk.batch.setAsideDone}
              </p>
            )}
            {deps.operator().channel === 'provider' && <p className="muted" data-testid="walk-in-note">{walkIn.walkInNote}</p>}
            <ServicePicker
              // Only services with a flow in this desk's channel (e.g. marriage registration has no ЦОН channel); at a
              // department's desk its own services first, another department's ones marked (refused when picked).
              search={(q, l) => {
                const found = deps.catalog.search(q, l).filter((s) => s.channels[deps.operator().channel])
                return [...found.filter(offers), ...found.filter((s) => !offers(s))]
              }}
              foreign={deps.offers ? (s) => !offers(s) : undefined}
              onPick={start}
            />
          </>
        )}
      </main>
    </div>
  )
}
