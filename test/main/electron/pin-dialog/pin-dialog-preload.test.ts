// @vitest-environment jsdom
/** The PIN window's preload wires the script-free form: submit sends {id, secret} once and clears the field. */
import { describe, expect, it, vi } from 'vitest'

const sent = vi.hoisted(() => [] as unknown[][])
vi.mock('electron', () => {
  const electron = { ipcRenderer: { send: (...args: unknown[]) => sent.push(args) }, BrowserWindow: class {}, ipcMain: {} }
  return { ...electron, default: electron }
})

// jsdom globals, typed locally: this folder compiles without the DOM lib.
interface El {
  value: string
  innerHTML: string
  dispatchEvent(e: unknown): boolean
}
const dom = globalThis as unknown as {
  document: { documentElement: El; getElementById(id: string): El | null }
  window: { dispatchEvent(e: unknown): boolean }
  Event: new (type: string, init?: { cancelable?: boolean }) => unknown
}

describe('pin dialog preload', () => {
  it('submit and cancel go to main on the answer channel with the prompt id', async () => {
    const { promptHtml } = await import('../../../../src-main/electron/pin-dialog/window')
    dom.document.documentElement.innerHTML = promptHtml('c0ffee', { kind: 'p12-password', keyLabel: 'k', attempt: 1 }, 'en').replace(/^<!doctype html>/i, '')
    await import('../../../../src-main/electron/pin-dialog/preload')
    dom.window.dispatchEvent(new dom.Event('DOMContentLoaded'))
    const input = dom.document.getElementById('secret')!
    input.value = 'Qwerty12'
    dom.document.getElementById('prompt')!.dispatchEvent(new dom.Event('submit', { cancelable: true }))
    expect(sent).toEqual([['arm-pin:answer', { id: 'c0ffee', secret: 'Qwerty12' }]])
    expect(input.value).toBe('')
    dom.document.getElementById('cancel')!.dispatchEvent(new dom.Event('click'))
    expect(sent[1]).toEqual(['arm-pin:answer', { id: 'c0ffee', secret: null }])
  })

  it('a confirm-only form (sign-confirm, no field) sends an empty answer: the confirmation', async () => {
    const { promptHtml } = await import('../../../../src-main/electron/pin-dialog/window')
    sent.length = 0
    dom.document.documentElement.innerHTML = promptHtml('beef', { kind: 'sign-confirm', keyLabel: 'k', attempt: 1 }, 'en').replace(/^<!doctype html>/i, '')
    vi.resetModules()
    await import('../../../../src-main/electron/pin-dialog/preload')
    dom.window.dispatchEvent(new dom.Event('DOMContentLoaded'))
    dom.document.getElementById('prompt')!.dispatchEvent(new dom.Event('submit', { cancelable: true }))
    expect(sent).toContainEqual(['arm-pin:answer', { id: 'beef', secret: '' }])
  })
})
