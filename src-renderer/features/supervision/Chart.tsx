/**
 * A day-by-day chart (uPlot): x is days at 00:00 Kazakhstan time, labels through @shared/format (never uPlot's own
 * locale guess), one series per line or bar group. uPlot is loaded when a chart is first shown (its own chunk; it
 * also touches matchMedia at import, which only a real window has).
 */
import { useEffect, useRef } from 'react'
import type uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { formatDate, formatNumber } from '@shared/format'
import type { Lang } from '@shared/errors'

export interface ChartSeries {
  label: string
  values: number[]
  color: string
  bars?: boolean
}

export function DayChart(props: { days: number[]; series: ChartSeries[]; lang: Lang; testId: string; title: string; dayLabel: string; width?: number; height?: number }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    let plot: uPlot | undefined
    let gone = false
    void import('uplot').then(({ default: UPlot }) => {
      if (gone || !ref.current) return
      plot = draw(UPlot, ref.current)
    })
    return () => {
      gone = true
      plot?.destroy()
    }
  }, [props.days, props.series, props.lang, props.title, props.dayLabel, props.width, props.height])

  const draw = (UPlot: typeof uPlot, el: HTMLDivElement): uPlot => {
    const bars = UPlot.paths.bars?.({ size: [0.6, 40] })
    return new UPlot(
      {
        title: props.title,
        width: props.width ?? 560,
        height: props.height ?? 240,
        // Half a day either side, so the first and last bars are whole.
        // Counts start at 0 and reach at least 1 (uPlot would draw an all-zero series on 0…100).
        scales: { x: { time: false, range: (_u, min, max) => [min - 43_200_000, max + 43_200_000] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        series: [
          { label: props.dayLabel, value: (_u, v) => (v == null ? '' : formatDate(v)) },
          ...props.series.map((s) => ({
            label: s.label, stroke: s.color, fill: s.bars ? s.color + '99' : undefined, width: 2,
            paths: s.bars ? bars : undefined, points: { show: !s.bars },
            value: (_u: uPlot, v: number | null) => (v == null ? '' : formatNumber(v, props.lang)),
          })),
        ],
        axes: [
          { values: (_u, splits) => splits.map((v) => formatDate(v).slice(0, 5)), space: 50 },
          { values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? formatNumber(v, props.lang) : '')) },
        ],
      },
      [props.days, ...props.series.map((s) => s.values)],
      el,
    )
  }
  return <div ref={ref} className="chart" data-testid={props.testId} />
}
