import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { statusLabel, type ServiceDefinition } from '@shared/catalog'
import { toArmError, type ArmErrorPayload } from '@shared/errors'
import type { InboxItem, SupervisionSummary } from '@shared/gateway/api'
import type { OrgUnit } from '@shared/gateway/admin-api'
import type { ProviderApi } from '../../gateway/provider'
import { useLang } from '../../i18n/lang'
import { ErrorNote } from '../../ui/ErrorNote'
import { formatDateTime } from '@shared/format'
import { splitDuration } from '@shared/deadline'
import { useTexts } from '../../i18n/texts'
import { boardTexts, supervisionTexts } from './texts'
import { buildBoard, NO_TSON } from './board'
import { unitName } from './dashboard'
import { renderResultPdf, type PrintVerdict } from '@shared/print'
import { readSignedDocument } from '@shared/results'
import { base64ToBytes } from '@shared/bytes'
import type { CryptoAdapter } from '../../bridge/crypto'

export interface SupervisorDeps {
  api: Pick<ProviderApi, 'inbox' | 'status' | 'result' | 'supervisionSummary'>
  catalog: { find(id: string): ServiceDefinition | undefined }
  /** The bundled TTFs (regular, bold) for the printed result; never system fonts. */
  fonts: () => Promise<{ regular: Uint8Array; bold?: Uint8Array }>
  /** Checks the result's signature in main before printing: a failed one is never printed as valid. */
  verifier: Pick<CryptoAdapter, 'verify'>
  /** Hands the PDF to the user (an object URL in the app); returns the URL. */
  present: (pdf: Uint8Array, name: string) => string
  now: () => number
  /** The region's ЦОНs and departments by name (the board shows names, never ids); none = ids stay as they are. */
  units?: () => Promise<readonly OrgUnit[]>
}

export const SupervisorDepsContext = createContext<SupervisorDeps | null>(null)
function useDeps(): SupervisorDeps {
  const d = useContext(SupervisorDepsContext)
  if (!d) throw new Error('SupervisorDepsContext is not provided')
  return d
}

/**
 * The supervisor's board: counts per status / ЦОН / department, overdue requests, print result. The quality survey is
 * answered at hand-over on the counter and stored at the gateway with its request; the dashboard reports it.
 */
export function SupervisorScreen() {
  const t = useTexts(boardTexts)
  const lang = useLang()
  const deps = useDeps()
  const tx = useTexts(supervisionTexts)
  const leftText = (r: { leftMs: number | null }): string => {
    if (r.leftMs === null) return tx.overdue
    const d = splitDuration(r.leftMs)
    const value = d.days === 0 && d.hours === 0 ? tx.leftMinutes(d.minutes) : tx.left(d.days, d.hours)
    return r.leftMs < 0 ? tx.overdueBy(value) : value
  }
  const [items, setItems] = useState<InboxItem[] | null>(null)
  // The region's counts from the gateway; null = not (yet) available, the board then counts the own inbox.
  const [summary, setSummary] = useState<SupervisionSummary | null>(null)
  const [summaryFailed, setSummaryFailed] = useState(false)
  const [error, setError] = useState<ArmErrorPayload | null>(null)
  const [now, setNow] = useState(() => deps.now())
  const [printed, setPrinted] = useState<Record<string, { url: string; name: string } | 'busy'>>({})
  const [units, setUnits] = useState<readonly OrgUnit[]>([])
  useEffect(() => {
    deps.units?.().then(setUnits, () => setUnits([]))
  }, [deps])

  const load = useCallback(async () => {
    setError(null)
    const summaryCall = deps.api.supervisionSummary().then(
      (s) => {
        setSummary(s)
        setSummaryFailed(false)
      },
      () => {
        setSummary(null)
        setSummaryFailed(true)
      },
    )
    try {
      setItems((await deps.api.inbox()).items)
      setNow(deps.now())
    } catch (err) {
      setError(toArmError(err).toPayload())
    }
    await summaryCall
  }, [deps])
  useEffect(() => {
    void load()
  }, [load])

  const board = useMemo(() => buildBoard(items ?? [], deps.catalog, lang, now), [items, deps.catalog, lang, now])
  const counts = useMemo(() => {
    if (!summary) {
      return {
        total: board.total,
        overdue: board.overdue.length,
        byStatus: board.byStatus,
        byTson: board.byTson,
        byDepartment: board.byDepartment,
      }
    }
    return {
      total: summary.total.count,
      overdue: summary.total.overdue,
      byStatus: summary.byStatus,
      byTson: summary.byTson.map((g) => ({ tsonId: g.tsonId ?? NO_TSON, count: g.count, overdue: g.overdue })),
      byDepartment: summary.byDepartment.map((g) => ({ departmentId: g.departmentId, count: g.count, overdue: g.overdue })),
    }
  }, [board, summary])

  const print = async (regNo: string, serviceId: string) => {
    setPrinted((p) => ({ ...p, [regNo]: 'busy' }))
    setError(null)
    try {
      const [status, result, fonts] = await Promise.all([deps.api.status(regNo), deps.api.result(regNo), deps.fonts()])
      const check = await deps.verifier.verify({ cms: result.signature, content: result.document })
      const verdict: PrintVerdict = check.indication === 'PASSED' ? { status: 'verified', ...(check.signerName ? { signerName: check.signerName } : {}) } : { status: 'failed', code: check.subIndication ?? check.indication }
      const service = deps.catalog.find(serviceId)
      const signer = { role: result.signedBy, name: check.signerName ?? service?.provider.name.ru ?? serviceId, position: service?.provider.name ?? { kk: '', ru: '', en: '' }, ...(status.result?.signerIin ? { iin: status.result.signerIin } : {}), ...(status.result?.signerBin ? { bin: status.result.signerBin } : {}) }
      const bytes = base64ToBytes(result.document)
      const { doc, lenient } = readSignedDocument(bytes, deps.catalog, { registrationNumber: result.registrationNumber, decidedAt: result.decidedAt, signer })
      const pdf = await renderResultPdf({ doc, lang, verdict, fonts, catalog: deps.catalog, signedBytes: bytes, ...(lenient ? { lenient } : { signature: base64ToBytes(result.signature) }) })
      const name = `result-${regNo}.pdf`
      setPrinted((p) => ({ ...p, [regNo]: { url: deps.present(pdf, name), name } }))
    } catch (err) {
      setPrinted((p) => {
        const { [regNo]: _drop, ...rest } = p
        return rest
      })
      setError(toArmError(err).toPayload())
    }
  }

  return (
    <section className="supervisor" data-testid="supervisor">
      <header className="inbox__bar">
        <h2 className="inbox__title">{t.title}</h2>
        <button type="button" className="button" data-testid="supervisor-refresh" onClick={() => void load()}>
          {t.refresh}
        </button>
        {items && (
          <span className="supervisor__totals" data-testid="board-totals" data-source={summary ? 'region' : 'department'} data-total={counts.total} data-overdue={counts.overdue}>
            {t.total(counts.total)} · <span className={`mark mark--${counts.overdue ? 'overdue' : 'settled'}`}>{t.overdueCount(counts.overdue)}</span> ·{' '}
            <span className={`mark mark--${board.near ? 'near' : 'settled'}`}>{t.nearCount(board.near)}</span>
          </span>
        )}
      </header>
      {error && <ErrorNote error={error} onRetry={() => void load()} testId="supervisor-error" />}
      {!items && !error && <p>{t.loading}</p>}
      {items && (
        <>
          <div className="supervisor__grid">
            <CountTable testId="board-status" title={t.byStatus} rows={counts.byStatus.map((s) => ({ key: s.status, label: statusLabel(s.status, lang), count: s.count }))} />
            <CountTable testId="board-tson" title={t.byTson} rows={counts.byTson.map((g) => ({ key: g.tsonId, label: g.tsonId === NO_TSON ? t.walkIn : unitName(units, g.tsonId, lang), count: g.count, overdue: g.overdue }))} />
            <div>
              <CountTable testId="board-department" title={t.byDepartment} rows={counts.byDepartment.map((g) => ({ key: g.departmentId, label: unitName(units, g.departmentId, lang), count: g.count, overdue: g.overdue }))} />
              <p className="supervisor__note" data-testid="board-source">
                {summary ? t.regionNote : summaryFailed ? t.summaryFallback : t.departmentNote}
              </p>
            </div>
          </div>
          <h3>{t.overdue}</h3>
          {board.overdue.length === 0 ? (
            <p data-testid="overdue-empty">{t.noOverdue}</p>
          ) : (
            <table className="supervisor__table" data-testid="overdue-list">
              <tbody>
                {board.overdue.map((r) => (
                  <tr key={r.requestId} data-reg-no={r.registrationNumber}>
                    <td>{r.registrationNumber}</td>
                    <td>{r.serviceName}</td>
                    <td>{r.deadlineAt === null ? '—' : formatDateTime(r.deadlineAt)}</td>
                    <td>
                      <span className="mark mark--overdue">{leftText(r)}</span>
                    </td>
                    <td>{statusLabel(r.status, lang)}</td>
                    <td>{r.assigneeName ?? (r.assigneeId ? tx.someone : '—')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t.decided}</h3>
          {board.decided.length === 0 ? (
            <p>{t.noDecided}</p>
          ) : (
            <table className="supervisor__table" data-testid="decided-list">
              <tbody>
                {board.decided.map((r) => {
                  const p = printed[r.registrationNumber]
                  return (
                    <tr key={r.requestId} data-reg-no={r.registrationNumber} data-testid="decided-row">
                      <td>{r.registrationNumber}</td>
                      <td>{r.serviceName}</td>
                      <td>{statusLabel(r.status, lang)}</td>
                      <td>
                        <button type="button" className="button" data-testid="print-result" disabled={p === 'busy'} onClick={() => void print(r.registrationNumber, r.serviceId)}>
                          {p === 'busy' ? t.printing : t.print}
                        </button>{' '}
                        {p && p !== 'busy' && (
                          <a href={p.url} download={p.name} target="_blank" rel="noreferrer" data-testid="print-link">
                            {t.openPdf}
                          </a>
                        )}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  )
}

function CountTable(props: { title: string; testId: string; rows: Array<{ key: string; label: string; count: number; overdue?: number }> }) {
  const t = useTexts(boardTexts)
  const withOverdue = props.rows.some((r) => r.overdue !== undefined)
  return (
    <table className="supervisor__table" data-testid={props.testId}>
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th />
          <th>{t.count}</th>
          {withOverdue && <th>{t.overdueCol}</th>}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key} data-key={r.key} data-count={r.count}>
            <td>{r.label}</td>
            <td>{r.count}</td>
            {withOverdue && <td className={r.overdue ? 'supervisor__overdue' : undefined}>{r.overdue ?? 0}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
