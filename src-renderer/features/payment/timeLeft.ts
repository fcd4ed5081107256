/** Whole hours and minutes until `dueAt`, counted on the gateway's clock (its `now` when read, plus what passed since). */
export function timeLeft(p: { dueAt: string; gatewayNow: string; readAt: number; now: number }): { hours: number; minutes: number } | undefined {
  const left = Date.parse(p.dueAt) - (Date.parse(p.gatewayNow) + (p.now - p.readAt))
  if (!(left > 0)) return undefined
  const minutes = Math.floor(left / 60_000)
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 }
}
