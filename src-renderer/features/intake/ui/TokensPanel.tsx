/**
 * The desk's tokens at intake: a button with how many tokens are plugged in, a notice when one is plugged in or
 * removed (main notices it: crypto.tokenEvents), and a panel to choose the token drivers — the known Kazakh ones by
 * name with where each is installed, or a custom path that main checks before keeping it.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorText, toArmError } from '@shared/errors'
import { formatTime } from '@shared/format'
import { useLang } from '../../../i18n/lang'
import { useTexts } from '../../../i18n/texts'
import type { TokenModules, TokenPort } from '../../../bridge/tokens'
import { deskSigningTexts } from '../desk-signing-texts'

type TokenEvent = Awaited<ReturnType<TokenPort['events']>>['events'][number]

/** Follows main's token events while mounted; calls onChange after each so key lists are read again. */
function useTokenEvents(port: TokenPort, onChange: () => void): TokenEvent | null {
  const [last, setLast] = useState<TokenEvent | null>(null)
  const changed = useRef(onChange)
  changed.current = onChange
  useEffect(() => {
    let stopped = false
    let after = -1
    void (async () => {
      while (!stopped) {
        try {
          // The first call learns the current number without waiting; later calls wait for the next event.
          const r = await port.events(Math.max(after, 0), after < 0 ? 0 : 15_000)
          if (stopped) return
          if (after >= 0 && r.events.length) {
            setLast(r.events.at(-1)!)
            changed.current()
          }
          after = r.last
        } catch {
          await new Promise((res) => setTimeout(res, 3000))
        }
      }
    })()
    return () => {
      stopped = true
    }
  }, [port])
  return last
}

export function TokensStatus({ port, onKeysChanged }: { port: TokenPort; onKeysChanged: () => void }) {
  const tx = useTexts(deskSigningTexts).tokens
  const [state, setState] = useState<TokenModules | null>(null)
  const [open, setOpen] = useState(false)
  const reload = useCallback(() => {
    port.modules().then(setState, () => setState(null))
  }, [port])
  useEffect(reload, [reload])
  const last = useTokenEvents(port, () => {
    reload()
    onKeysChanged()
  })
  return (
    <div className="tokens-status">
      <button type="button" className="button button--small" onClick={() => setOpen(true)} data-testid="tokens-open" aria-haspopup="dialog">
        {tx.open}: {tx.count({ count: state?.tokens.length ?? 0 })}
      </button>
      {last && (
        <p className={`tokens-status__event tokens-status__event--${last.kind}`} role="status" data-testid="token-event" data-kind={last.kind} data-label={last.label}>
          {formatTime(last.at)} · {(last.kind === 'inserted' ? tx.inserted : tx.removed)({ module: last.moduleName, label: last.label })}
        </p>
      )}
      {open && (
        <TokensDialog
          port={port}
          initial={state}
          onClose={() => setOpen(false)}
          onSaved={(s) => {
            setState(s)
            onKeysChanged()
          }}
        />
      )}
    </div>
  )
}

function TokensDialog({ port, initial, onClose, onSaved }: { port: TokenPort; initial: TokenModules | null; onClose: () => void; onSaved: (s: TokenModules) => void }) {
  const t = useTexts(deskSigningTexts).tokens
  const lang = useLang()
  const [state, setState] = useState<TokenModules | null>(initial)
  const [chosen, setChosen] = useState<string[]>(initial?.configured.map((c) => c.path) ?? [])
  const [custom, setCustom] = useState('')
  /** Saved, or the code main refused with (shown in the current language). */
  const [note, setNote] = useState<{ ok: true } | { ok: false; code: string } | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    port.modules().then((s) => {
      setState(s)
      setChosen(s.configured.map((c) => c.path))
    }, (err: unknown) => setNote({ ok: false, code: toArmError(err).code }))
  }, [port])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])
  const toggle = (path: string, on: boolean) => setChosen((c) => (on ? [...new Set([...c, path])] : c.filter((p) => p !== path)))
  const knownPaths = new Set(state?.known.flatMap((k) => (k.found ? [k.found] : [])) ?? [])
  const customs = chosen.filter((p) => !knownPaths.has(p))
  const save = async () => {
    setBusy(true)
    setNote(null)
    try {
      const s = await port.setModules(chosen)
      setState(s)
      setChosen(s.configured.map((c) => c.path))
      setNote({ ok: true })
      onSaved(s)
    } catch (err) {
      setNote({ ok: false, code: toArmError(err).code })
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="tokens-dialog__backdrop">
      <section className="tokens-dialog" role="dialog" aria-modal="true" aria-labelledby="tokens-title" data-testid="tokens-dialog">
        <h2 id="tokens-title">{t.title}</h2>
        <h3>{t.known}</h3>
        <ul className="tokens-dialog__known">
          {state?.known.map((k) => (
            <li key={k.id} data-testid={`token-module-${k.id}`} data-found={k.found ? 'true' : 'false'}>
              <label>
                <input type="checkbox" disabled={!k.found} checked={!!k.found && chosen.includes(k.found)} onChange={(e) => k.found && toggle(k.found, e.target.checked)} />{' '}
                <strong>{k.name}</strong>
              </label>
              <div className="muted">
                {k.found ? (
                  <>
                    {t.found}: <code>{k.found}</code>
                  </>
                ) : (
                  <>
                    {t.notFound} · {t.usual}: <code>{k.usualPaths[0]}</code>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
        <h3>{t.custom}</h3>
        <ul className="tokens-dialog__custom">
          {customs.map((p) => (
            <li key={p}>
              <code>{p}</code>{' '}
              <button type="button" className="button button--small" onClick={() => toggle(p, false)}>
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
        <div className="tokens-dialog__add">
          <input
            type="text"
            value={custom}
            placeholder={t.customHint}
            aria-label={t.custom}
            onChange={(e) => setCustom(e.target.value)}
            data-testid="token-custom-path"
            spellCheck={false}
          />
          <button
            type="button"
            className="button button--small"
            disabled={!custom.trim()}
            onClick={() => {
              toggle(custom.trim(), true)
              setCustom('')
            }}
            data-testid="token-custom-add"
          >
            {t.add}
          </button>
        </div>
        <h3>{t.present}</h3>
        {state?.tokens.length ? (
          <ul data-testid="tokens-present">
            {state.tokens.map((k) => (
              <li key={`${k.module}-${k.serial}`} data-label={k.label}>
                {k.moduleName} «{k.label}» · № {k.serial}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t.none}</p>
        )}
        {note && (
          <p className={note.ok ? 'tokens-dialog__ok' : 'error'} role={note.ok ? 'status' : 'alert'} data-testid="tokens-note">
            {note.ok ? t.saved : `${errorText(note.code, lang)} [${note.code}]`}
          </p>
        )}
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void save()} data-testid="tokens-save">
            {t.save}
          </button>
          <button type="button" className="button" onClick={onClose} data-testid="tokens-close">
            {t.close}
          </button>
        </div>
      </section>
    </div>
  )
}
