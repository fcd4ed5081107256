import { ArmError, type ErrorCode } from '../../../src-shared/errors'
import type { SigningSummary } from './signing-summary'

/**
 * What the secret prompt shows: which key, whose, which attempt, why the previous one failed, and — whenever a
 * signature is about to be made — what it covers. Never the secret.
 * `sign-confirm`: the key is already unlocked; the person confirms (answer '') or cancels (null), nothing is typed.
 * A password/PIN prompt that carries `signing` is the confirmation too: one prompt, not two.
 */
export interface SecretRequest {
  kind: 'p12-password' | 'token-pin' | 'sign-confirm'
  keyLabel: string
  holder?: string
  attempt: number
  previousError?: ErrorCode
  /** Token PIN state (count-low / final-try) so the user is warned before locking the token. */
  pinState?: string
  /** What will be signed once this prompt is answered (several for a batch), derived by main from the bytes. */
  signing?: SigningSummary[]
}

/**
 * The prompt owned by main (Electron: a modal window with its own preload; browser host: a page on a separate
 * loopback origin). Resolves with the secret, or null when the user cancels. The renderer is never involved.
 */
export interface SecretPrompt {
  ask(request: SecretRequest): Promise<string | null>
}

/** For hosts without a prompt (CLI batch mode uses a file instead): every request is refused with a code. */
export const NO_PROMPT: SecretPrompt = {
  ask: async () => {
    throw new ArmError('SECRET_PROMPT_UNAVAILABLE')
  },
}
