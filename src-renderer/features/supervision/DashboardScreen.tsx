import { useCallback, useEffect, useMemo, useState } from 'react'
import { toArmError, type ArmErrorPayload } from '@shared/errors'
import { formatDate, formatNumber } from '@shared/format'
import type { ActivityResponse, OrgUnit } from '@shared/gateway/admin-api'
import type { SupervisionSummary } from '@shared/gateway/api'
import type { Gateway } from '../../gateway/client'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { ErrorNote } from '../../ui/ErrorNote'
import { DayChart } from './Chart'
import { buildDashboard, dashboardCsv, dayOf, type DashboardCatalog, type NamedCount } from './dashboard'
import { dashboardPdf } from './dashboardPdf'
import { supervisionTexts } from './texts'

export interface DashboardDeps {
  gateway: Pick<Gateway, 'call'>
  catalog: DashboardCatalog
  fonts: () => Promise<{ regular: Uint8Array; bold?: Uint8Array }>
  /** Hands a file to the user (an object URL in the app). */
  present: (bytes: Uint8Array, name: string, type: string) => string
  now: () => number
}

const SECTIONS = ['byOperator', 'bySpecialist', 'byService', 'byTson', 'byDepartment'] as const

/** Throughput per person, service and unit, per day and week; late decisions over time; queue health now. */
export function DashboardScreen({ deps }: { deps: DashboardDeps }) {
  const t = useTexts(supervisionTexts)
  const lang = useLang()
  const [days, setDays] = useState(14)
  const [activity, setActivity] = useState<ActivityResponse | null>(null)
  const [units, setUnits] = useState<OrgUnit[]>([])
  const [summary, setSummary] = useState<SupervisionSummary | null>(null)
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const [files, setFiles] = useState<{ csv?: string; pdf?: string }>({})

  const load = useCallback(async () => {
    setError(null)
    const now = deps.now()
    try {
      const [a, u, s] = await Promise.all([
        deps.gateway.call('activity', { query: { from: dayOf(now - (days - 1) * 86_400_000), to: dayOf(now) } }),
        deps.gateway.call('units'),
        deps.gateway.call('supervisionSummary').catch(() => null),
      ])
      setActivity(a)
      setUnits(u.units)
      setSummary(s)
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
              {formatNumber(summary.total.overdue, lang)} <span className="supervisor__note">{t.queueNote}</span>
            </div>
          )}
          <div className="dashboard__charts">
            <DayChart testId="chart-throughput" title={t.throughputChart} days={d.days} series={throughput} lang={lang} dayLabel={t.day} />
            <DayChart testId="chart-sla" title={t.slaChart} days={d.days} series={sla} lang={lang} dayLabel={t.day} />
          </div>
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
