/**
 * Fault injection for resilience tests of the workstations' outbox: latency, a share of 503s, 429 + Retry-After,
 * responses dropped after the commit, connection resets. Off by default; set by config or PUT /api/v1/admin/faults.
 */
import { FaultConfig, FaultConfigPatch, NO_FAULTS } from '../../src-shared/gateway/api'

export type FaultDecision = { kind: 'none' } | { kind: 'reset' } | { kind: 'error5xx' } | { kind: 'rateLimit'; retryAfterSeconds: number }

export class FaultInjector {
  private config: FaultConfig

  constructor(initial: Partial<FaultConfig> = {}, private readonly random: () => number = Math.random) {
    this.config = FaultConfig.parse({ ...NO_FAULTS, ...initial })
  }

  get(): FaultConfig {
    return { ...this.config }
  }

  set(patch: unknown): FaultConfig {
    const p = FaultConfigPatch.parse(patch)
    this.config = FaultConfig.parse({ ...this.config, ...p })
    return this.get()
  }

  /** Decided before any work, so a fault never half-applies a write. */
  beforeRequest(): FaultDecision {
    const c = this.config
    if (c.resetRate > 0 && this.random() < c.resetRate) return { kind: 'reset' }
    if (c.error5xxRate > 0 && this.random() < c.error5xxRate) return { kind: 'error5xx' }
    if (c.rateLimitRate > 0 && this.random() < c.rateLimitRate) return { kind: 'rateLimit', retryAfterSeconds: c.retryAfterSeconds }
    return { kind: 'none' }
  }

  latencyMs(): number {
    return this.config.latencyMs
  }

  dropAfterCommit(): boolean {
    return this.config.dropAfterCommitRate > 0 && this.random() < this.config.dropAfterCommitRate
  }
}
