/** One figure of a bench part. Ratios compare the subject with a baseline measured in the same run. */
export interface BenchMetric {
  value: number
  unit: string
  /** Human-readable target, e.g. "≤ 1.3×" */
  target?: string
  met?: boolean
  note?: string
}

export interface BenchPart {
  metrics: Record<string, BenchMetric>
  /** Raw measurements behind the metrics, for whoever wants to recompute them. */
  raw?: Record<string, unknown>
}
