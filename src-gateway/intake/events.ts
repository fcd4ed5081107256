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
