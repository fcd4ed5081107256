/**
 * Browser implementations of the sync ports: Web Locks for the single sender, navigator.onLine with its events, and a
 * BroadcastChannel so an enqueue in one window wakes the sender that lives in another.
 */
import type { WakePort } from './OutboxService'
import type { LockPort, OnlinePort } from './ports'

interface LockManagerLike {
  request<T>(name: string, options: { mode?: 'exclusive'; signal?: AbortSignal }, fn: () => Promise<T>): Promise<T>
}

export function webLocks(): LockPort {
  const locks = (globalThis as unknown as { navigator?: { locks?: LockManagerLike } }).navigator?.locks
  if (!locks) throw new Error('Web Locks API is not available')
  return {
    request: (name, fn, options) => locks.request(name, { mode: 'exclusive', ...(options?.signal ? { signal: options.signal } : {}) }, fn),
  }
}

export function navigatorOnline(): OnlinePort {
  const g = globalThis as unknown as { navigator: { onLine: boolean }; addEventListener(t: string, l: () => void): void; removeEventListener(t: string, l: () => void): void }
  return {
    isOnline: () => g.navigator.onLine,
    subscribe(listener) {
      const on = (): void => listener(true)
      const off = (): void => listener(false)
      g.addEventListener('online', on)
      g.addEventListener('offline', off)
      return () => {
        g.removeEventListener('online', on)
        g.removeEventListener('offline', off)
      }
    },
  }
}

interface ChannelLike {
  postMessage(message: unknown): void
  onmessage: ((event: unknown) => void) | null
  close(): void
}

export class BroadcastWake implements WakePort {
  private readonly channel: ChannelLike
  private readonly listeners = new Set<() => void>()
  constructor(name = 'arm-outbox') {
    this.channel = new (globalThis as unknown as { BroadcastChannel: new (name: string) => ChannelLike }).BroadcastChannel(name)
    this.channel.onmessage = () => this.fire()
  }
  notify(): void {
    this.channel.postMessage('wake')
    this.fire()
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  close(): void {
    this.channel.close()
  }
  private fire(): void {
    for (const l of [...this.listeners]) l()
  }
}
