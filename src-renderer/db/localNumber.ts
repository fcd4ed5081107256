/**
 * The desk's own number of a request it signed, shown and printed (on the §5.5d receipt) until the gateway registers it
 * and gives it a registration number. Derived from the local request id, so every screen and every reprint agree.
 */
export function localNumber(requestId: string): string {
  return `Ж-${requestId.replace(/-/g, '').slice(0, 8).toUpperCase()}`
}
