export { SecretPromptOverlay, type SecretPromptOverlayProps } from './SecretPromptOverlay'
export { secretCalls } from '../../bridge/secretCalls'
export { bridgeSource, type PendingPrompt, type SecretPromptSource } from './source'
