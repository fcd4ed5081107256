import type { Lang } from '@shared/errors'
import { formatNumber } from '@shared/format'
import type { OrgUnit } from '@shared/gateway/admin-api'
import type { SurveyReport } from '@shared/gateway/api'
import { useTexts } from '../../i18n/texts'
import { unitName, type DashboardCatalog } from './dashboard'
import { supervisionTexts } from './texts'

type Indicator = SurveyReport['total']['quality']

/** The §5.7 survey report: the two indicators (quality, accessibility) per service and ЦОН, and in total. */
export function SurveyReportTable(props: { report: SurveyReport; units: readonly OrgUnit[]; catalog: DashboardCatalog; lang: Lang }) {
  const t = useTexts(supervisionTexts)
  const { report, lang } = props
  const serviceName = (id: string) => {
    const s = props.catalog.find(id)
    return s ? s.shortName[lang] || s.name[lang] : id
  }
  const cell = (x: Indicator) => `${t.surveySatisfied(formatNumber(x.satisfiedPercent, lang, 1))} (${x.answers.map((n) => formatNumber(n, lang)).join(' / ')})`
  return (
    <table className="supervisor__table" data-testid="survey-report" data-total={report.total.n}>
      <caption>{t.surveyReport}</caption>
      <thead>
        <tr><th>{t.service}</th><th>{t.unit}</th><th>{t.surveyAnswers}</th><th>{t.surveyQuality}</th><th>{t.surveyAccess}</th></tr>
      </thead>
      <tbody>
        {report.rows.length === 0 && (
          <tr><td colSpan={5}>{t.surveyNone}</td></tr>
        )}
        {report.rows.map((r) => (
          <tr key={`${r.serviceId}|${r.tsonId ?? ''}`} data-service={r.serviceId} data-n={r.n} data-quality={r.quality.satisfiedPercent}>
            <td>{serviceName(r.serviceId)}</td>
            <td>{r.tsonId ? unitName(props.units, r.tsonId, lang) : ''}</td>
            <td>{formatNumber(r.n, lang)}</td>
            <td>{cell(r.quality)}</td>
            <td>{cell(r.accessibility)}</td>
          </tr>
        ))}
        <tr>
          <th colSpan={2}>{t.surveyTotal}</th>
          <th>{formatNumber(report.total.n, lang)}</th>
          <th>{cell(report.total.quality)}</th>
          <th>{cell(report.total.accessibility)}</th>
        </tr>
      </tbody>
    </table>
  )
}
