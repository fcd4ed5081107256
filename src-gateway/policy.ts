/**
 * The gateway's stated limits (issue 10): clock tolerance for signed facts, who signs for a department, how many live
 * streams a session holds, how hard clients may knock, how long housekeeping rows are kept. One place, so the numbers
 * the README and the tests quote are the numbers the code runs with; config.ts `security` overrides them.
 */
import { DEMO_DEPARTMENT_BIN } from './registries/synthetic'

export interface SecurityPolicy {
  /** A CMS signing time or an envelope's createdAt may be this far ahead of the gateway's clock (clients' clocks drift). */
  clockToleranceMs: number
  /** БИН(s) of each department: a decision's certificate must carry one of them. A department without one cannot decide. */
  departmentBins: Record<string, string[]>
  /** With test trust, certificates carrying these (NCA test PKI) БИНs sign for any department. */
  testBins: string[]
  /** Open SSE streams per session; one more is refused with GW_TOO_MANY_STREAMS. */
  maxStreamsPerSession: number
  /** Per client (IP) and per minute: sign-in attempts (password, ЭЦП), challenges, attachment uploads. */
  rateLimit: { signInPerMinute: number; challengesPerMinute: number; uploadsPerMinute: number; /** Public verification of printouts (issue 17), per client; default 30. */ verificationsPerMinute?: number }
  /** Socket/request limits: a body trickled in slower than this is cut. */
  timeouts: { requestMs: number; connectionMs: number; keepAliveMs: number; headersMs: number }
  /** Idempotency answers are kept this long (a client replays within hours, never weeks). */
  idempotencyRetentionMs: number
  /** The retention job runs this often. */
  retentionEveryMs: number
}

const DAY = 86_400_000

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  clockToleranceMs: 5 * 60_000,
  // The demo departments' БИНs: the organisations in resources/demo-pki's certificates (OU=BIN…).
  departmentBins: {
    'akimat-astana-education': [DEMO_DEPARTMENT_BIN],
    'akimat-astana-social': ['090340018475'],
    'archive-pavlodar': ['990740022149'],
    'is-zags': ['041140033059'],
  },
  // BIN123456789021: the legal-entity keys of the NCA RK test PKI (fails the check digit on purpose).
  testBins: ['123456789021'],
  maxStreamsPerSession: 4,
  rateLimit: { signInPerMinute: 120, challengesPerMinute: 60, uploadsPerMinute: 600, verificationsPerMinute: 30 },
  timeouts: { requestMs: 120_000, connectionMs: 0, keepAliveMs: 10_000, headersMs: 15_000 },
  idempotencyRetentionMs: 7 * DAY,
  retentionEveryMs: 10 * 60_000,
}
