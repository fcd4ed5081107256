/**
 * Preload of the password/PIN window (its own, minimal: only this). The page has no script of its own; this isolated
 * preload wires the form and sends the answer to main on one channel. Nothing is exposed to the page's main world.
 */
import { ipcRenderer } from 'electron'

export const PIN_ANSWER_CHANNEL = 'arm-pin:answer'

// The slice of the DOM this preload touches (the node tsconfig has no DOM lib, and adding it globally would hide
// mistakes elsewhere in main).
interface El {
  value: string
  focus(): void
  dataset: Record<string, string | undefined>
  addEventListener(type: string, fn: (e: { preventDefault(): void; key?: string }) => void): void
}
declare const window: { addEventListener(type: string, fn: () => void): void }
declare const document: { getElementById(id: string): El | null; addEventListener(type: string, fn: (e: { key?: string }) => void): void }

window.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('prompt')
  const input = document.getElementById('secret')
  const id = form?.dataset.promptId
  // A confirm-only prompt (sign-confirm: the key is already unlocked) has no field: submitting is the confirmation.
  if (!form || !id || (!input && form.dataset.kind !== 'sign-confirm')) return
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    ipcRenderer.send(PIN_ANSWER_CHANNEL, { id, secret: input ? input.value : '' })
    if (input) input.value = ''
  })
  // The field (or, confirm-only, the Sign button) has the focus when the prompt opens, whatever became of the page's
  // autofocus while the window was hidden.
  ;(input ?? document.getElementById('ok'))?.focus()
  document.getElementById('cancel')?.addEventListener('click', () => ipcRenderer.send(PIN_ANSWER_CHANNEL, { id, secret: null }))
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') ipcRenderer.send(PIN_ANSWER_CHANNEL, { id, secret: null })
  })
})
