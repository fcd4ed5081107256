/**
 * The state duty of the ЗАГС services (CATALOG §2.5.4, G17): a share of the месячный расчётный показатель (МРП) of
 * the year the duty is offered, due within the catalogue's window (24 h). The МРП is configuration per year
 * (GatewayConfig.payments.mrpByYear); the default holds 2026's value.
 *
 * Legal source of the default: Закон Республики Казахстан «О республиканском бюджете на 2026–2028 годы», статья
 * установления размеров на 2026 год — МРП с 1 января 2026 года 4 325 тенге. /work/shared has no МРП value (the seeds
 * spell the unit out and leave its size n/s), so the value is the law's.
 */
import type { Fee } from '../../src-shared/catalog/types'
import { kzParts } from '../../src-shared/format'

export const DEFAULT_MRP_BY_YEAR: Readonly<Record<string, number>> = {
  /** Закон РК «О республиканском бюджете на 2026–2028 годы»: МРП 4 325 ₸ from 01.01.2026. */
  '2026': 4325,
}

export const MRP_LEGAL_SOURCE = 'Закон Республики Казахстан «О республиканском бюджете на 2026–2028 годы» (МРП на 2026 год — 4 325 тенге)'

export interface StateDuty {
  /** Whole tiyn (1 ₸ = 100 тиын): 30 % of an odd МРП is not whole tenge, and money is never a float. */
  amountTiyn: number
  mrpYear: number
  mrpTenge: number
  /** The share of an МРП in percent (100 or 30). */
  mrpPercent: number
  windowMs: number
}

/**
 * The duty of a service offered at `at` (Kazakhstan calendar year), or undefined when the service has no fee. A year
 * without a configured МРП takes the latest configured one before it (a new year's value comes with its budget law).
 */
export function stateDuty(fee: Fee, at: number, mrpByYear: Readonly<Record<string, number>>): StateDuty | undefined {
  if (fee.kind !== 'mrp') return undefined
  const year = kzParts(at).year
  const known = Object.keys(mrpByYear).map(Number).filter((y) => y <= year).sort((a, b) => b - a)
  const mrpYear = known[0] ?? Math.min(...Object.keys(mrpByYear).map(Number))
  const mrpTenge = mrpByYear[String(mrpYear)]
  if (!Number.isFinite(mrpTenge)) throw new Error('no МРП configured')
  const mrpPercent = Math.round(fee.multiplier * 100)
  return { amountTiyn: mrpTenge * mrpPercent, mrpYear, mrpTenge, mrpPercent, windowMs: fee.payWithinHours * 3600_000 }
}
