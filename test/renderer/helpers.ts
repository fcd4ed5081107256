import type { ArmApi } from '@shared/bridge/contract'
import { ArmError } from '@shared/errors'

/** A window.arm stand-in for jsdom: the contract's shape, answers chosen by the test. */
export function installFakeArm(health: () => Promise<unknown>, config: () => Promise<unknown> = async () => ({ gatewayUrl: 'http://127.0.0.1:9' })): void {
  const api = { app: { health, config } } as unknown as ArmApi
  Object.defineProperty(window, 'arm', { value: api, configurable: true, writable: true })
}

export const healthy = (version = '9.8.7-test') => async () => ({ ok: true, version, runtime: 'browser-host', startedAt: '2026-11-22T10:00:00.000Z' })
export const failing = (code: ConstructorParameters<typeof ArmError>[0]) => async () => {
  throw new ArmError(code)
}
