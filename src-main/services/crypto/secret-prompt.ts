import { ArmError, type ErrorCode } from '../../../src-shared/errors'

/** What the secret prompt shows: which key, whose, which attempt, why the previous one failed. Never the secret. */
export interface SecretRequest {
  kind: 'p12-password' | 'token-pin'
  keyLabel: string
  holder?: string
  attempt: number
  previousError?: ErrorCode
  /** Token PIN state (count-low / final-try) so the user is warned before locking the token. */
  pinState?: string
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
