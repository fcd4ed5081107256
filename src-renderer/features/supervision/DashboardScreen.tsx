import { useCallback, useEffect, useMemo, useState } from 'react'
import { errorText, isErrorCode, toArmError, type ArmErrorPayload, type Lang } from '@shared/errors'
import { formatDate, formatDateTime, formatNumber } from '@shared/format'
import type { ActivityResponse, OrgUnit, QueueHealth } from '@shared/gateway/admin-api'
import type { SupervisionSummary, SurveyReport } from '@shared/gateway/api'
import type { Gateway } from '../../gateway/client'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { ErrorNote } from '../../ui/ErrorNote'
import { DayChart } from './Chart'
import { buildDashboard, dashboardCsv, dayOf, dueByDay, LATE_STEPS, unitName, type DashboardCatalog, type NamedCount } from './dashboard'
import { dashboardPdf } from './dashboardPdf'
import { SurveyReportTable } from './SurveyReportTable'
import { supervisionTexts } from './texts'

export interface DashboardDeps {
  gateway: Pick<Gateway, 'call'>
  catalog: DashboardCatalog
  fonts: () => Promise<{ regular: Uint8Array; bold?: Uint8Array }>
  /** Hands a file to the user (an object URL in the app). */
  present: (bytes: Uint8Array, name: string, type: string) => string
  now: () => number
  /** The desk's name (its ЦОН or department and workplace number) for the id it reports under, never the id itself. */
  deskName: (desk: string, units: readonly OrgUnit[], lang: Lang) => string
}

const SECTIONS = ['byOperator', 'bySpecialist', 'byService', 'byTson', 'byDepartment'] as const
const STEP_COLORS = ['#8e44ad', '#c0392b', '#d35400', '#7f8c8d']
/** A desk whose oldest waiting item is older than this is shown as stuck. */
const STUCK_MS = 15 * 60_000

/** Throughput per person, service and unit, per day and week; late decisions over time; queue health now. */
export function DashboardScreen({ deps }: { deps: DashboardDeps }) {
  const t = useTexts(supervisionTexts)
  const lang = useLang()
  const [days, setDays] = useState(14)
  const [activity, setActivity] = useState<ActivityResponse | null>(null)
  const [units, setUnits] = useState<OrgUnit[]>([])
  const [summary, setSummary] = useState<SupervisionSummary | null>(null)
  const [health, setHealth] = useState<QueueHealth | null>(null)
  const [survey, setSurvey] = useState<SurveyReport | null>(null)
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const [files, setFiles] = useState<{ csv?: string; pdf?: string }>({})

  const load = useCallback(async () => {
    setError(null)
    const now = deps.now()
    try {
      const period = { from: dayOf(now - (days - 1) * 86_400_000), to: dayOf(now) }
      const [a, u, s, h, q] = await Promise.all([
        deps.gateway.call('activity', { query: period }),
        deps.gateway.call('units'),
        deps.gateway.call('supervisionSummary').catch(() => null),
        deps.gateway.call('queueHealth').catch(() => null),
        deps.gateway.call('surveyReport', { query: period }).catch(() => null),
      ])
      setActivity(a)
      setUnits(u.units)
      setSummary(s)
      setHealth(h)
      setSurvey(q)
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }, [deps, days])
  useEffect(() => {
    void load()
  }, [load])

  const d = useMemo(() => (activity ? buildDashboard(activity, units, deps.catalog, lang) : null), [activity, units, deps.catalog, lang])
  const throughput = useMemo(() => (d ? [
    { label: t.submitted, values: d.submitted, color: '#2f6db5' },
    { label: t.decided, values: d.decided, color: '#2e8b57' },
  ] : []), [d, t])
  const sla = useMemo(() => (d ? [
    { label: t.onTime, values: d.decided.map((n, i) => n - d.lateDecided[i]), color: '#2e8b57', bars: true },
    { label: t.late, values: d.lateDecided, color: '#c0392b', bars: true },
  ] : []), [d, t])

  const steps = useMemo(() => (d ? LATE_STEPS.map((k, i) => ({ label: t.steps[k], values: d.lateSteps[k], color: STEP_COLORS[i] })) : []), [d, t])
  const due = useMemo(() => (health ? dueByDay(health, deps.now()) : null), [health, deps])
  const dueSeries = useMemo(() => (due ? [
    { label: t.overdueOpen, values: due.overdue, color: '#c0392b', bars: true },
    { label: t.nearlyDue, values: due.nearly, color: '#e67e22', bars: true },
    { label: t.laterDue, values: due.later, color: '#2f6db5', bars: true },
  ] : []), [due, t])

  const totals = d ? t.totals(formatNumber(d.totals.submitted, lang), formatNumber(d.totals.decided, lang), formatNumber(d.totals.late, lang)) : ''
  const exportCsv = () => {
    if (!d) return
    const csv = dashboardCsv(d, { day: t.day, submitted: t.submitted, decided: t.decided, late: t.late, section: t.section, name: t.name, count: t.count })
    setFiles((f) => ({ ...f, csv: deps.present(new TextEncoder().encode(csv), 'dashboard.csv', 'text/csv') }))
  }
  const exportPdf = async () => {
    if (!d) return
    try {
      const pdf = await dashboardPdf(d, { title: t.dashboard, period: t.period, totals, chart: t.slaChart, count: t.count, late: t.late, sections: SECTIONS.map((key) => ({ key, title: t.section[key] })) }, lang, await deps.fonts())
      setFiles((f) => ({ ...f, pdf: deps.present(pdf, 'dashboard.pdf', 'application/pdf') }))
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
  }

  const open = summary?.byStatus ?? []
  const countOf = (status: string) => open.find((s) => s.status === status)?.count ?? 0
  return (
    <section className="dashboard" data-testid="dashboard">
      <header className="inbox__bar">
        <h2 className="inbox__title">{t.dashboard}</h2>
        <label>
          {t.period}{' '}
          <select value={days} data-testid="dashboard-period" onChange={(e) => setDays(Number(e.target.value))}>
            <option value={14}>{t.days14}</option>
            <option value={28}>{t.days28}</option>
          </select>
        </label>
        <button type="button" className="button" onClick={() => void load()}>{t.refresh}</button>
        <button type="button" className="button" data-testid="dashboard-csv" disabled={!d} onClick={exportCsv}>{t.exportCsv}</button>
        <button type="button" className="button" data-testid="dashboard-pdf" disabled={!d} onClick={() => void exportPdf()}>{t.exportPdf}</button>
        {files.csv && <a href={files.csv} download="dashboard.csv" data-testid="dashboard-csv-link">CSV</a>}
        {files.pdf && <a href={files.pdf} download="dashboard.pdf" target="_blank" rel="noreferrer" data-testid="dashboard-pdf-link">PDF</a>}
      </header>
      {error && <ErrorNote error={error} onRetry={() => void load()} testId="dashboard-error" />}
      {!d && !error && <p>{t.loading}</p>}
      {d && (
        <>
          <p data-testid="dashboard-totals" data-submitted={d.totals.submitted} data-decided={d.totals.decided} data-late={d.totals.late}>{totals}</p>
          {summary && (
            <div className="dashboard__queue" data-testid="queue-health">
              <strong>{t.queue}:</strong> {t.waiting} {formatNumber(countOf('REGISTERED'), lang)} · {t.inProgress} {formatNumber(countOf('IN_PROCESSING'), lang)} · {t.overdue}{' '}
              {formatNumber(summary.total.overdue, lang)}
              {due && <> · {t.nearlyDueCount} <span data-testid="queue-nearly-due">{formatNumber(due.totals.nearly, lang)}</span></>}{' '}
              <span className="supervisor__note">{t.queueNote}</span>
            </div>
          )}
          <div className="dashboard__charts">
            <DayChart testId="chart-throughput" title={t.throughputChart} days={d.days} series={throughput} lang={lang} dayLabel={t.day} />
            <DayChart testId="chart-sla" title={t.slaChart} days={d.days} series={sla} lang={lang} dayLabel={t.day} />
            <DayChart testId="chart-steps" title={t.stepsChart} days={d.days} series={steps} lang={lang} dayLabel={t.day} />
            {due && <DayChart testId="chart-due" title={t.dueChart} days={due.days} series={dueSeries} lang={lang} dayLabel={t.day} />}
          </div>
          {health && (
            <table className="supervisor__table" data-testid="desk-outboxes">
              <caption>{t.desks}</caption>
              <thead>
                <tr><th>{t.desk}</th><th>{t.person}</th><th>{t.unit}</th><th>{t.waitingItems}</th><th>{t.oldest}</th><th>{t.lastError}</th><th>{t.reported}</th></tr>
              </thead>
              <tbody>
                {health.desks.length === 0 && (
                  <tr><td colSpan={7}>{t.noDesks}</td></tr>
                )}
                {health.desks.map((k) => {
                  const stuck = k.oldestAt !== null && health.generatedAt - k.oldestAt > STUCK_MS
                  return (
                    <tr key={k.desk} data-desk={k.desk} data-stuck={stuck} data-waiting={k.waiting}>
                      <td>{deps.deskName(k.desk, units, lang)}</td>
                      <td>{k.userName}</td>
                      <td>{k.tsonId || k.departmentId ? unitName(units, (k.tsonId ?? k.departmentId)!, lang) : ''}</td>
                      <td>{formatNumber(k.waiting, lang)}</td>
                      <td className={stuck ? 'supervisor__overdue' : undefined}>{k.oldestAt !== null ? formatDateTime(k.oldestAt) : ''}{stuck ? ` · ${t.stuck}` : ''}</td>
                      <td title={k.lastError ?? undefined}>{k.lastError ? (isErrorCode(k.lastError) ? `${errorText(k.lastError, lang)} (${k.lastError})` : k.lastError) : ''}</td>
                      <td>{formatDateTime(k.reportedAt)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          )}
          {survey && <SurveyReportTable report={survey} units={units} catalog={deps.catalog} lang={lang} />}
          <div className="supervisor__grid">
            {SECTIONS.map((key) => (
              <CountList key={key} testId={`dash-${key}`} title={t.section[key]} rows={d[key]} empty={t.nothing} countLabel={t.count} lateLabel={t.late} lang={lang} />
            ))}
            <table className="supervisor__table" data-testid="dash-weeks">
              <caption>{t.week}</caption>
              <thead>
                <tr><th /><th>{t.submitted}</th><th>{t.decided}</th><th>{t.late}</th></tr>
              </thead>
              <tbody>
                {d.weeks.map((w) => (
                  <tr key={w.start}><td>{formatDate(w.start)}</td><td>{formatNumber(w.submitted, lang)}</td><td>{formatNumber(w.decided, lang)}</td><td>{formatNumber(w.late, lang)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

function CountList(props: { title: string; testId: string; rows: NamedCount[]; empty: string; countLabel: string; lateLabel: string; lang: 'kk' | 'ru' | 'en' }) {
  return (
    <table className="supervisor__table" data-testid={props.testId}>
      <caption>{props.title}</caption>
      <thead>
        <tr><th /><th>{props.countLabel}</th><th>{props.lateLabel}</th></tr>
      </thead>
      <tbody>
        {props.rows.length === 0 && (
          <tr><td colSpan={3}>{props.empty}</td></tr>
        )}
        {props.rows.map((r) => (
          <tr key={r.key} data-name={r.name} data-count={r.n}>
            <td>{r.name}</td>
            <td>{formatNumber(r.n, props.lang)}</td>
            <td className={r.late ? 'supervisor__overdue' : undefined}>{formatNumber(r.late, props.lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
