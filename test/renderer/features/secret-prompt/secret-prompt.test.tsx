// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SecretPromptOverlay, secretCalls, type PendingPrompt, type SecretPromptSource } from '../../../../src-renderer/features/secret-prompt'
import { bridgeSource } from '../../../../src-renderer/features/secret-prompt/source'
import { secretPromptTexts } from '../../../../src-renderer/features/secret-prompt/texts'
import { setLang } from '../../../../src-renderer/i18n/lang'

/** Main's side as the overlay sees it: whatever prompt main waits on right now, changed by the test. */
function fakeMain(opts: { framed?: boolean; cancel?: boolean } = {}) {
  const state = { current: null as PendingPrompt | null, polls: 0, cancelled: [] as string[] }
  const source: SecretPromptSource = {
    framed: async () => opts.framed ?? true,
    pending: async () => {
      state.polls++
      return state.current
    },
  }
  if (opts.cancel) {
    source.cancel = async (id) => {
      state.cancelled.push(id)
      state.current = null
    }
  }
  return { state, source }
}

const prompt = (over: Partial<PendingPrompt> = {}): PendingPrompt => ({
  id: 'p1-aaaaaaaaaaaaaaaaaaaa',
  url: 'http://127.0.0.1:45123/prompt/p1-aaaaaaaaaaaaaaaaaaaa',
  kind: 'p12-password',
  keyLabel: 'operator-sign.p12',
  attempt: 1,
  ...over,
})

/** A sign call main holds open until the test answers, like crypto.sign waiting for the password. */
function pendingCall() {
  let finish!: (v: string) => void
  let fail!: (e: Error) => void
  const call = secretCalls.track(new Promise<string>((res, rej) => ((finish = res), (fail = rej))))
  call.catch(() => undefined)
  return { call, finish, fail }
}

function Page({ source }: { source: SecretPromptSource }) {
  return (
    <>
      <main data-testid="app">
        <button type="button" data-testid="sign">
          sign
        </button>
      </main>
      <SecretPromptOverlay source={source} fastMs={10} idleMs={40} />
    </>
  )
}

beforeEach(() => setLang('kk'))
afterEach(() => cleanup())

describe('secret-prompt overlay (browser workstation)', () => {
  it('shows nothing in Electron, where main opens its own modal window, and never polls there', async () => {
    const main = fakeMain({ framed: false })
    main.state.current = prompt()
    render(<Page source={main.source} />)
    const c = pendingCall()
    await new Promise((r) => setTimeout(r, 120))
    expect(screen.queryByTestId('secret-prompt')).toBeNull()
    expect(main.state.polls).toBe(0)
    c.finish('cms')
  })

  it('appears only with a url, titled with the key, focused and modal; gone and focus back when the call ends', async () => {
    const main = fakeMain()
    render(<Page source={main.source} />)
    const button = screen.getByTestId('sign')
    button.focus()
    const c = pendingCall()
    await waitFor(() => expect(main.state.polls).toBeGreaterThan(2))
    expect(screen.queryByTestId('secret-prompt')).toBeNull()

    main.state.current = prompt()
    const overlay = await screen.findByTestId('secret-prompt')
    expect(overlay.getAttribute('role')).toBe('dialog')
    expect(overlay.getAttribute('aria-modal')).toBe('true')
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('«operator-sign.p12» кілтінің құпиясөзін енгізіңіз')
    const frame = screen.getByTestId('secret-prompt-frame') as HTMLIFrameElement
    expect(frame.getAttribute('src')).toBe('http://127.0.0.1:45123/prompt/p1-aaaaaaaaaaaaaaaaaaaa?lang=kk')
    // Keyboard-first: the focus left the button and went into main's form; the page behind is inert.
    await waitFor(() => expect(document.activeElement).toBe(frame))
    expect(button.closest('[inert]')).not.toBeNull()
    expect(overlay.closest('[inert]')).toBeNull()

    // The operator answers in the frame; main's sign call ends.
    main.state.current = null
    await act(async () => c.finish('cms'))
    await waitFor(() => expect(screen.queryByTestId('secret-prompt')).toBeNull())
    expect(document.activeElement).toBe(button)
    expect(document.querySelector('[inert]')).toBeNull()
  })

  it('goes away when the call ends even before main stops reporting the prompt (no stale answer brings it back)', async () => {
    const main = fakeMain()
    render(<Page source={main.source} />)
    const c = pendingCall()
    main.state.current = prompt()
    await screen.findByTestId('secret-prompt')
    await act(async () => c.fail(new Error('SECRET_PROMPT_CANCELLED')))
    main.state.current = null
    await waitFor(() => expect(screen.queryByTestId('secret-prompt')).toBeNull())
    await new Promise((r) => setTimeout(r, 100))
    expect(screen.queryByTestId('secret-prompt')).toBeNull()
  })

  it('a retry after a wrong password is a new frame with the attempt shown; texts follow the language (ru, en, token PIN)', async () => {
    const main = fakeMain()
    render(<Page source={main.source} />)
    const c = pendingCall()
    main.state.current = prompt()
    const first = (await screen.findByTestId('secret-prompt-frame')) as HTMLIFrameElement
    act(() => setLang('ru'))
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Введите пароль ключа «operator-sign.p12»')
    main.state.current = prompt({ id: 'p2-bbbbbbbbbbbbbbbbbbbb', url: 'http://127.0.0.1:45123/prompt/p2-bbbbbbbbbbbbbbbbbbbb', attempt: 2, previousError: 'P12_BAD_PASSWORD' })
    await waitFor(() => expect(screen.getByTestId('secret-prompt').getAttribute('data-prompt-id')).toBe('p2-bbbbbbbbbbbbbbbbbbbb'))
    const second = screen.getByTestId('secret-prompt-frame') as HTMLIFrameElement
    expect(second).not.toBe(first)
    expect(second.getAttribute('src')).toBe('http://127.0.0.1:45123/prompt/p2-bbbbbbbbbbbbbbbbbbbb?lang=ru')
    expect(screen.getByTestId('secret-prompt-attempt').textContent).toBe('Попытка 2')
    await waitFor(() => expect(document.activeElement).toBe(second))

    act(() => setLang('en'))
    main.state.current = prompt({ id: 'p3-cccccccccccccccccccc', kind: 'token-pin', keyLabel: 'SoftHSM operator' })
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Enter the PIN of token «SoftHSM operator»'))
    main.state.current = null
    await act(async () => c.finish('cms'))
    await waitFor(() => expect(screen.queryByTestId('secret-prompt')).toBeNull())
  })

  it('finds a prompt of a caller that did not track its call (slow idle poll)', async () => {
    const main = fakeMain()
    render(<Page source={main.source} />)
    main.state.current = prompt()
    await screen.findByTestId('secret-prompt')
    main.state.current = null
    await waitFor(() => expect(screen.queryByTestId('secret-prompt')).toBeNull())
  })

  it('cancel: offered only when the bridge can cancel; the button (or Escape) cancels that prompt in main', async () => {
    const without = fakeMain()
    const { unmount } = render(<Page source={without.source} />)
    without.state.current = prompt()
    await screen.findByTestId('secret-prompt')
    expect(screen.queryByTestId('secret-prompt-cancel')).toBeNull()
    unmount()

    const main = fakeMain({ cancel: true })
    render(<Page source={main.source} />)
    const c = pendingCall()
    main.state.current = prompt()
    fireEvent.click(await screen.findByTestId('secret-prompt-cancel'))
    expect(main.state.cancelled).toEqual(['p1-aaaaaaaaaaaaaaaaaaaa'])
    await waitFor(() => expect(screen.queryByTestId('secret-prompt')).toBeNull())

    main.state.current = prompt({ id: 'p4-dddddddddddddddddddd' })
    const overlay = await screen.findByTestId('secret-prompt')
    fireEvent.keyDown(overlay, { key: 'Escape' })
    expect(main.state.cancelled).toEqual(['p1-aaaaaaaaaaaaaaaaaaaa', 'p4-dddddddddddddddddddd'])
    await waitFor(() => expect(screen.queryByTestId('secret-prompt')).toBeNull())
    c.fail(new Error('SECRET_PROMPT_CANCELLED'))
  })

  it('bridge source: framed only in the browser host; uses crypto.cancelPrompt only if the bridge has it', async () => {
    const pendingPrompt = vi.fn(async () => ({ prompt: prompt() }))
    const win = (runtime: string, extra: Record<string, unknown> = {}) =>
      ({ arm: { app: { health: async () => ({ runtime }) }, crypto: { pendingPrompt, ...extra } } }) as unknown as Window
    expect(await bridgeSource(win('electron')).framed()).toBe(false)
    expect(await bridgeSource(win('browser-host')).framed()).toBe(true)
    expect(await bridgeSource({} as Window).framed()).toBe(false)
    expect((await bridgeSource(win('browser-host')).pending())?.id).toBe('p1-aaaaaaaaaaaaaaaaaaaa')
    expect(bridgeSource(win('browser-host')).cancel).toBeUndefined()
    const cancelPrompt = vi.fn(async () => ({}))
    await bridgeSource(win('browser-host', { cancelPrompt })).cancel!('p1')
    expect(cancelPrompt).toHaveBeenCalledWith({ id: 'p1' })
  })

  it('has every text in kk, ru and en', () => {
    const keys = Object.keys(secretPromptTexts.kk).sort()
    for (const lang of ['ru', 'en'] as const) expect(Object.keys(secretPromptTexts[lang]).sort()).toEqual(keys)
    for (const lang of ['kk', 'ru', 'en'] as const) for (const v of Object.values(secretPromptTexts[lang])) expect((typeof v === 'string' ? v : v({ label: 'K', n: 1 })).trim()).not.toBe('')
  })
})
