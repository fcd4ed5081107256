export { SecretPromptOverlay, type SecretPromptOverlayProps } from './SecretPromptOverlay'
export { secretCalls, trackSecretCall } from './calls'
export { bridgeSource, type PendingPrompt, type SecretPromptSource } from './source'
