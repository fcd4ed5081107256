import type { ArmApi } from '@shared/bridge/contract'

/** What crypto.pendingPrompt reports: which key, whose, which attempt, and the URL of main's form. Never the secret. */
export type PendingPrompt = NonNullable<Awaited<ReturnType<ArmApi['crypto']['pendingPrompt']>>['prompt']>

/** The overlay's view of the bridge (a port, so the jsdom test drives it without a host). */
export interface SecretPromptSource {
  /** Whether main's prompt is framed in this window at all: the browser host frames it, Electron opens its own modal window. */
  framed(): Promise<boolean>
  pending(): Promise<PendingPrompt | null>
  /** Cancels the prompt main waits on; absent when the bridge offers no such channel (the form's own Cancel then does it). */
  cancel?: (id: string) => Promise<void>
}

/** window.arm as the source. Looked up on each call: the bridge is installed before the first render, tests replace it. */
export function bridgeSource(win: Window = window): SecretPromptSource {
  const arm = () => (win as { arm?: Partial<ArmApi> }).arm
  const source: SecretPromptSource = {
    async framed() {
      const a = arm()
      if (!a?.crypto?.pendingPrompt) return false
      try {
        return (await a.app!.health({})).runtime === 'browser-host'
      } catch {
        // Host not answering yet: asking pendingPrompt is harmless (it answers null or fails too).
        return true
      }
    },
    async pending() {
      return (await arm()!.crypto!.pendingPrompt({})).prompt
    },
  }
  // Only where the bridge offers it (an older host may not): the form's own Cancel works either way.
  if (typeof arm()?.crypto?.cancelPrompt === 'function') source.cancel = async (id) => void (await arm()!.crypto!.cancelPrompt({ id }))
  return source
}
