/** In-process fan-out of status changes to SSE subscribers (the store keeps the durable copy for polling/resume). */
import { EventEmitter } from 'node:events'
import type { StatusChangeRecord } from '../store/types'

export class StatusEvents {
  private readonly emitter = new EventEmitter()
  constructor() {
    this.emitter.setMaxListeners(0)
  }
  publish(c: StatusChangeRecord): void {
    this.emitter.emit('change', c)
  }
  subscribe(fn: (c: StatusChangeRecord) => void): () => void {
    this.emitter.on('change', fn)
    return () => this.emitter.off('change', fn)
  }
}

/**
 * Status events of several gateway instances on one PostgreSQL: a change reaches subscribers through the database's
 * NOTIFY (sent at commit by the store), from whichever instance committed it — so publish() after a commit does
 * nothing here, and a desk connected to any instance hears every change exactly once.
 */
export class RelayedStatusEvents extends StatusEvents {
  constructor(subscribe: (fn: (c: StatusChangeRecord) => void) => () => void) {
    super()
    this.stop = subscribe((c) => super.publish(c))
  }
  readonly stop: () => void
  override publish(): void {}
}
