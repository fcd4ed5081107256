/**
 * Which key to offer first for a purpose — the one rule for every desk (sign-in, intake, decision) and main.
 * It reads only the certificate's facts: the purposes main derived from keyUsage/EKU, the НУЦ key-user policy,
 * the owner's ИИН and the validity period. A file or token label says nothing: a key whose certificate main has not
 * read yet (a locked .p12 without its public certificate beside it) is never preselected — the person chooses.
 * Only a preselection: main checks purpose, ИИН and validity again on every signature.
 */
import type { KeyPurpose } from './certificate'

/** The facts the choice reads (a subset of CertificateFacts / the bridge's CertificateFactsWire). */
export interface KeyChoiceFacts {
  iin?: string
  purposes: readonly KeyPurpose[]
  notBefore: string
  notAfter: string
  /** НУЦ РК's key-user roles main read from the certificate's policy OIDs (1.2.398.3.3.4.1.*). */
  ncaRoles?: readonly string[]
}

/** Whether a key's certificate fits the purpose, the signed-in person (when known) and the moment. */
export function keyFits(facts: KeyChoiceFacts | undefined, purpose: KeyPurpose, person: { iin?: string }, now: number): facts is KeyChoiceFacts {
  if (!facts || !facts.purposes.includes(purpose)) return false
  if (person.iin && facts.iin !== person.iin) return false
  return Date.parse(facts.notBefore) <= now && now <= Date.parse(facts.notAfter)
}

/**
 * The key to preselect: among keys that fit (the person's own when the person is known), one carrying an НУЦ key-user
 * policy first; among equals main's order. Undefined when no key's facts fit: the person chooses.
 */
export function preferredKey<K extends { facts?: KeyChoiceFacts }>(keys: readonly K[], purpose: KeyPurpose, person: { iin?: string } = {}, now = Date.now()): K | undefined {
  const fitting = keys.filter((k) => keyFits(k.facts, purpose, person, now))
  return fitting.find((k) => k.facts?.ncaRoles?.length) ?? fitting[0]
}
