/**
 * The gateway clock a test can move forward (GATEWAY_TEST_CLOCK=1 → POST /admin/test-clock): the 24-hour payment
 * window of a real gateway process passes in a second. Everything that reads the Clock port moves with it (sessions
 * too: a test that jumps a day signs in again).
 */
import type { Clock } from '../ports'

export class AdjustableClock implements Clock {
  private offset = 0
  constructor(private readonly base: Clock) {}
  now(): number {
    return this.base.now() + this.offset
  }
  get offsetMs(): number {
    return this.offset
  }
  advance(ms: number): number {
    this.offset += ms
    return this.now()
  }
}
