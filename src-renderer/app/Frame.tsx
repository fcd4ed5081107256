import { Brand } from '../ui/Brand'
import { useEffect } from 'react'
import { useTexts } from '../i18n/texts'
import { frameTexts } from './texts'
import { LockOverlay, OfflineBadge } from '../session/chrome'
import { areasFor, setArea, useSession } from '../session/store'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { StatusLine } from '../ui/StatusLine'
import { AreaScreen } from './areas'
import { useWorkstation } from './context'
import { OutboxNoticeArea, OutboxTopBar } from './operator'
// The queue's top bar, notices and screens: styles for signed-in screens only, so not in the login screen's CSS.
import '../features/outbox/outbox.css'

/**
 * The signed-in frame, the same for every role: top bar, the areas the role may open, the open area, and the session
 * chrome (offline mark, idle lock). While locked everything under the lock is inert: nothing can be clicked, typed
 * into or reached by Tab until the same person unlocks.
 */
export function Frame() {
  const tx = useTexts(frameTexts)
  const ws = useWorkstation()
  const user = useSession((s) => s.active?.user)
  const locked = useSession((s) => s.locked)
  const area = useSession((s) => s.area)
  const allowed = user ? areasFor(user.role) : []
  const current = allowed.includes(area) ? area : allowed[0]

  useEffect(() => {
    if (current && current !== area) setArea(current)
  }, [current, area])

  return (
    <>
      <div className="frame" inert={locked} data-testid="frame" data-locked={locked ? 'true' : undefined}>
        <header className="topbar">
          <Brand />
          <nav className="area-nav" aria-label={tx.nav}>
            {allowed.map((a) => (
              <button key={a} type="button" className="area-nav__item" aria-current={a === current ? 'page' : undefined} onClick={() => setArea(a)} data-testid={`area-${a}`}>
                {tx[a]}
              </button>
            ))}
          </nav>
          <div className="topbar__right">
            <OfflineBadge />
            {/* Queue counts per state, always visible; a click opens the queue in the operator area. */}
            <OutboxTopBar />
            {user && <span className="topbar__user">{tx.signedInAs({ name: user.displayName })}</span>}
            <LanguageSwitch />
            <button type="button" className="button button--ghost" onClick={() => void ws.session.close()}>
              {tx.signOut}
            </button>
          </div>
        </header>
        <main className="frame__main" id="main" data-testid="area" data-area={current}>
          {current && <AreaScreen area={current} />}
        </main>
        <OutboxNoticeArea />
        <StatusLine />
      </div>
      <LockOverlay unlock={(password) => ws.session.unlock(password)} signOut={() => void ws.session.close()} />
    </>
  )
}
