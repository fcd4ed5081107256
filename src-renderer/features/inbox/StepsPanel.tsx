import { useEffect, useState } from 'react'
import { statusLabel, type ServiceDefinition } from '@shared/catalog'
import { toArmError, type Lang } from '@shared/errors'
import { formatDateTime, formatNumber } from '@shared/format'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { useInboxDeps } from './deps'
import { registrationLimitMs, requestSteps, type HistoryEntry } from './steps'
import { stepsTexts } from './steps-texts'

/** The catalogue's name of a queue category (the request's privileged category), if the service defines it. */
function categoryName(service: ServiceDefinition | undefined, category: string, lang: Lang): string | undefined {
  const field = service?.fields.find((f) => f.id === 'privilegedCategory')
  return field && field.kind === 'select' ? field.options.find((o) => o.value === category)?.label[lang] : undefined
}

/**
 * Per-step times of one request (CATALOG §2.6): each step with who moved the request there, when, how long it took and
 * its limit, overdue marked; the due date above. Re-read whenever the request's status changes.
 */
export function StepsPanel(props: { registrationNumber: string; status: string; service: ServiceDefinition | undefined; envelope: Record<string, unknown>; dueAt: number | null }) {
  const deps = useInboxDeps()
  const text = useTexts(stepsTexts)
  const lang: Lang = useLang()
  const [history, setHistory] = useState<HistoryEntry[] | null>(null)
  const [queue, setQueue] = useState<{ category: string; position: number } | null>(null)
  const [validity, setValidity] = useState<{ until: number; expired: boolean } | null>(null)
  const [failed, setFailed] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    deps.api.status(props.registrationNumber).then(
      (s) =>
        live &&
        (setHistory(s.statusHistory),
        setQueue(s.queue ?? null),
        setValidity(s.result?.validUntil ? { until: Date.parse(s.result.validUntil), expired: s.result.expired === true } : null),
        setFailed(null)),
      (err) => live && setFailed(toArmError(err).code),
    )
    return () => {
      live = false
    }
  }, [deps, props.registrationNumber, props.status])

  const channel = props.envelope.channel === 'provider' ? 'provider' : 'tson'
  const signedAt = typeof props.envelope.createdAt === 'string' ? Date.parse(props.envelope.createdAt) : null
  const rows = history ? requestSteps({ signedAt, history, dueAt: props.dueAt, now: deps.now(), registrationLimitMs: registrationLimitMs(props.service, channel) }) : []

  return (
    <section className="request-steps" data-testid="request-steps" aria-labelledby="request-steps-title">
      <h3 id="request-steps-title">{text.title}</h3>
      {props.dueAt !== null && (
        <p data-testid="request-due">
          <strong>{text.due(formatDateTime(props.dueAt))}</strong>
        </p>
      )}
      {queue && (
        <p data-testid="queue-position" data-position={queue.position} data-category={queue.category}>
          {text.queuePosition(formatNumber(queue.position, lang), categoryName(props.service, queue.category, lang) ?? text.generalCategory)}
        </p>
      )}
      {validity && (
        <p data-testid="result-validity" data-expired={validity.expired ? 'true' : 'false'} className={validity.expired ? 'field-error' : undefined}>
          {validity.expired ? text.validityExpired(formatDateTime(validity.until)) : text.validUntil(formatDateTime(validity.until))}
        </p>
      )}
      {failed && <p className="field-error" data-code={failed}>{failed}</p>}
      {rows.length > 0 && (
        <table className="request-steps__table">
          <thead>
            <tr>
              <th scope="col">{text.step}</th>
              <th scope="col">{text.began}</th>
              <th scope="col">{text.who}</th>
              <th scope="col">{text.took}</th>
              <th scope="col">{text.limit}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.step}-${i}`} data-testid="step-row" data-step={r.step} data-overdue={r.overdue ? 'true' : 'false'} data-duration-ms={r.durationMs ?? ''}>
                <td>{r.step === 'registration' ? text.registration : statusLabel(r.step, lang)}</td>
                <td>{formatDateTime(r.startedAt)}</td>
                <td>{r.by ?? text.system}</td>
                <td>
                  {r.durationMs === null ? '—' : text.duration(r.durationMs)}
                  {r.running ? ` (${text.running})` : ''}
                </td>
                <td>{r.limit === null ? '—' : r.limit.kind === 'duration' ? text.duration(r.limit.ms) : text.until(formatDateTime(r.limit.at))}</td>
                <td>
                  {r.limit !== null && (
                    <span className={`mark mark--${r.overdue ? 'overdue' : 'ok'}`} data-testid="step-mark">
                      {r.overdue ? text.overdue : text.onTime}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
