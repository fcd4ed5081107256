import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { areasFor, useSessionStore } from '../state/session'
import { useUiStore, type Area } from '../state/ui'
import { AREA_SCREENS } from './areas'
import { OutboxNoticeArea, OutboxTopBar } from '../features/workstation'
import { LanguageSwitch } from './LanguageSwitch'
import { StatusLine } from './StatusLine'

const TITLES: Record<Area, { title: `frame.${Area}Title`; body: `frame.${Area}Body` }> = {
  operator: { title: 'frame.operatorTitle', body: 'frame.operatorBody' },
  specialist: { title: 'frame.specialistTitle', body: 'frame.specialistBody' },
  supervisor: { title: 'frame.supervisorTitle', body: 'frame.supervisorBody' },
}

/**
 * The signed-in frame: top bar, the areas the role may open (operator / specialist / supervisor), the open area.
 * An area shows the screen a feature registered in areas.ts, or a placeholder until then.
 */
export function AppFrame() {
  const { t } = useTranslation()
  const session = useSessionStore((s) => s.session)
  const signOut = useSessionStore((s) => s.signOut)
  const area = useUiStore((s) => s.area)
  const setArea = useUiStore((s) => s.setArea)
  const allowed = session ? areasFor(session.user.role) : []
  const current = allowed.includes(area) ? area : allowed[0]

  useEffect(() => {
    if (current && current !== area) setArea(current)
  }, [current, area, setArea])

  return (
    <div className="frame">
      <header className="topbar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            {t('app.name')}
          </span>
          <span className="brand__title">{t('app.title')}</span>
        </div>
        <nav className="area-nav" aria-label={t('frame.nav')}>
          {allowed.map((a) => (
            <button
              key={a}
              type="button"
              className="area-nav__item"
              aria-current={a === current ? 'page' : undefined}
              onClick={() => setArea(a)}
              data-testid={`area-${a}`}
            >
              {t(`frame.${a}`)}
            </button>
          ))}
        </nav>
        <div className="topbar__right">
          {/* Queue counts per state, always visible; a click opens the queue in the operator area. */}
          <OutboxTopBar />
          {session && <span className="topbar__user">{t('frame.signedInAs', { name: session.user.displayName })}</span>}
          <LanguageSwitch />
          <button type="button" className="button button--ghost" onClick={signOut}>
            {t('frame.signOut')}
          </button>
        </div>
      </header>
      <main className="frame__main" id="main" data-testid="area" data-area={current}>
        {current && AREA_SCREENS[current] && <AreaScreen area={current} />}
        {current && !AREA_SCREENS[current] && (
          <section className="area-placeholder">
            <h1>{t(TITLES[current].title)}</h1>
            <p>{t(TITLES[current].body)}</p>
            <p className="area-placeholder__note">{t('frame.comingNext')}</p>
          </section>
        )}
      </main>
      <OutboxNoticeArea />
      <StatusLine />
    </div>
  )
}

function AreaScreen({ area }: { area: Area }) {
  const Screen = AREA_SCREENS[area]!
  return <Screen />
}
