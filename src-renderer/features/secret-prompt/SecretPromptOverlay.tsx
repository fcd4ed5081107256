import { useEffect, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { secretCalls } from '../../bridge/secretCalls'
import { bridgeSource, type PendingPrompt, type SecretPromptSource } from './source'
import { secretPromptTexts } from './texts'
import './secret-prompt.css'

export interface SecretPromptOverlayProps {
  /** Defaults to window.arm (crypto.pendingPrompt). */
  source?: SecretPromptSource
  /** Defaults to the renderer's counter of calls that may prompt. */
  calls?: { readonly count: number; subscribe(fn: (n: number) => void): () => void }
  /** Poll period while a tracked sign call is pending. */
  fastMs?: number
  /** Poll period otherwise: finds prompts of callers that do not track their call. */
  idleMs?: number
}

const samePrompt = (a: PendingPrompt | null, b: PendingPrompt | null) =>
  a === b || (!!a && !!b && a.id === b.id && a.url === b.url && a.attempt === b.attempt)

/** The prompt page in the overlay's language (main's page reads `lang`; the id in the path is not a secret). */
function frameUrl(url: string, lang: string): string {
  const u = new URL(url)
  u.searchParams.set('lang', ['kk', 'ru', 'en'].includes(lang) ? lang : 'ru')
  return u.toString()
}

/** Height of main's form (src-main/host/pin-dialog): key line, field, buttons, plus the lines it adds for this prompt. */
function frameHeight(p: PendingPrompt): number {
  // A signature (every prompt but a bare unlock): main's form also lists what is signed — service, consumer, count, hash.
  let h = p.kind === 'sign-confirm' ? 250 : 330
  if (p.holder) h += 22
  if (p.previousError) h += 46
  if (p.pinState === 'final-try' || p.pinState === 'count-low') h += 46
  return h
}

/** Keeps the prompt main is waiting on, polling crypto.pendingPrompt (fast while a sign call is pending). */
function usePendingPrompt(source: SecretPromptSource, calls: NonNullable<SecretPromptOverlayProps['calls']>, fastMs: number, idleMs: number) {
  const [prompt, setPrompt] = useState<PendingPrompt | null>(null)
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    // Only the newest poll may set the state: an older answer could bring back a prompt that has just ended.
    let seq = 0
    const schedule = () => {
      clearTimeout(timer)
      if (!stopped) timer = setTimeout(() => void poll(), calls.count > 0 ? fastMs : idleMs)
    }
    const poll = async () => {
      const mine = ++seq
      clearTimeout(timer)
      let next: PendingPrompt | null = null
      try {
        next = await source.pending()
      } catch {
        next = null
      }
      if (stopped || mine !== seq) return
      setPrompt((prev) => (samePrompt(prev, next) ? prev : next))
      schedule()
    }
    let unsubscribe = () => {}
    void source.framed().then((framed) => {
      // Electron: main's own modal window asks; nothing to frame, nothing to poll.
      if (!framed || stopped) return
      unsubscribe = calls.subscribe((n) => {
        // The call ended: its prompt is over (answered, cancelled or timed out). Ask again at once for a queued one.
        if (n === 0) setPrompt(null)
        void poll()
      })
      void poll()
    })
    return () => {
      stopped = true
      clearTimeout(timer)
      unsubscribe()
    }
  }, [source, calls, fastMs, idleMs])
  return [prompt, setPrompt] as const
}

/**
 * Browser workstation only: main's password/PIN form, framed from its own loopback origin while main waits for it.
 * The form is cross-origin (renderer scripts cannot read it) and posts the secret straight to main; this overlay only
 * gives it a title, keeps the keyboard in it and moves focus back when the prompt ends.
 */
export function SecretPromptOverlay({ source, calls = secretCalls, fastMs = 300, idleMs = 1500 }: SecretPromptOverlayProps) {
  const tx = useTexts(secretPromptTexts)
  const lang = useLang()
  const src = useMemo(() => source ?? bridgeSource(), [source])
  const [prompt, setPrompt] = usePendingPrompt(src, calls, fastMs, idleMs)
  const rootRef = useRef<HTMLDivElement>(null)
  const frameRef = useRef<HTMLIFrameElement>(null)
  const open = prompt !== null

  // Modal: everything else in the page is inert while main waits; focus returns where it was when the prompt ends.
  useEffect(() => {
    if (!open) return
    const before = document.activeElement as HTMLElement | null
    const others = [...document.body.children].filter((el) => el !== rootRef.current && !el.hasAttribute('inert'))
    for (const el of others) el.setAttribute('inert', '')
    return () => {
      for (const el of others) el.removeAttribute('inert')
      if (before && before.isConnected && before !== document.body) before.focus()
    }
  }, [open])

  // Keyboard-first: each new prompt (a retry after a wrong password is a new one) takes the focus; keyed on the id so
  // a re-poll of the same prompt never steals it back.
  const promptId = prompt?.id
  useEffect(() => {
    if (promptId) frameRef.current?.focus()
  }, [promptId])

  if (!prompt) return null
  const label = prompt.keyLabel
  // The label is kept in one piece (a file name like operator-sign.p12 must not break at its hyphen): the translated
  // title is split around it, so each language keeps its own word order.
  const [before, after = ''] = tx[prompt.kind === 'sign-confirm' ? 'titleConfirm' : prompt.kind === 'token-pin' ? 'titlePin' : 'titlePassword']({ label: '\u0000' }).split('\u0000')
  const cancel = src.cancel
  const onCancel = cancel
    ? () => {
        setPrompt(null)
        void cancel(prompt.id).catch(() => undefined)
      }
    : undefined

  return createPortal(
    <div
      ref={rootRef}
      className="secret-prompt"
      role="dialog"
      aria-modal="true"
      aria-labelledby="secret-prompt-title"
      aria-describedby="secret-prompt-hint"
      data-testid="secret-prompt"
      data-prompt-id={prompt.id}
      data-kind={prompt.kind}
      data-key-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) {
          e.preventDefault()
          onCancel()
        }
      }}
    >
      <div className="secret-prompt__card">
        <h2 id="secret-prompt-title" className="secret-prompt__title">
          {before}
          <span className="secret-prompt__key">«{label}»</span>
          {after}
        </h2>
        {prompt.attempt > 1 && (
          <p className="secret-prompt__attempt" data-testid="secret-prompt-attempt">
            {tx.attempt({ n: prompt.attempt })}
          </p>
        )}
        <iframe
          key={prompt.id}
          ref={frameRef}
          className="secret-prompt__frame"
          // A cross-origin page cannot report its height: size it from what main's form shows for this prompt.
          style={{ height: frameHeight(prompt) }}
          src={frameUrl(prompt.url, lang)}
          title={tx.frameTitle}
          data-testid="secret-prompt-frame"
          // No sandbox attribute: without allow-scripts Chromium blocks the form's autofocus, and main's page runs no
          // script anyway (its CSP is default-src 'none'); the frame is cross-origin, so this page cannot reach into it.
          referrerPolicy="no-referrer"
          onLoad={() => {
            if (rootRef.current?.contains(document.activeElement) === false || document.activeElement === document.body) frameRef.current?.focus()
          }}
        />
        <p className="secret-prompt__keys" data-testid="secret-prompt-keys">
          {tx.keys}
        </p>
        <p id="secret-prompt-hint" className="secret-prompt__hint">
          {tx.hint}
        </p>
        {onCancel && (
          <div className="secret-prompt__actions">
            <button type="button" className="button button--ghost" onClick={onCancel} data-testid="secret-prompt-cancel">
              {tx.cancel}
            </button>
          </div>
        )}
      </div>
    </div>,
    document.body,
  )
}
