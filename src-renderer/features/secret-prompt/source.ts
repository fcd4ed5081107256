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
  const cancelFn = () => {
    // The contract has no cancel channel today; if the crypto area adds `crypto.cancelPrompt({ id })`, it is used.
    const c = arm()?.crypto as unknown as Record<string, unknown> | undefined
    const fn = c?.cancelPrompt
    return typeof fn === 'function' ? (fn as (req: { id: string }) => Promise<unknown>) : undefined
  }
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
  if (cancelFn()) source.cancel = async (id) => void (await cancelFn()!({ id }))
  return source
}
