import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { catalog } from '@shared/catalog'
import { i18n } from '../../i18n'
import { workstationInboxApi } from '../inbox/area'
import boldUrl from './fonts/DejaVuSans-Bold.ttf?url'
import regularUrl from './fonts/DejaVuSans.ttf?url'
import { registerSupervisorI18n } from './i18n'
import { keyValueSurveyStore } from './survey'
import { SupervisorDepsContext, SupervisorScreen, type SupervisorDeps } from './SupervisorScreen'
import './supervisor.css'
import '../inbox/inbox.css'

registerSupervisorI18n(i18n)

let fontCache: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null
/** The fonts shipped with the app (same origin), fetched once. */
function bundledFonts() {
  const get = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer())
  fontCache ??= Promise.all([get(regularUrl), get(boldUrl)]).then(([regular, bold]) => ({ regular, bold }))
  return fontCache
}

/** The supervisor's area, mounted through the frame's AREA_SCREENS slot. */
export function SupervisorArea() {
  const { t } = useTranslation()
  const deps = useMemo<SupervisorDeps>(
    () => ({
      api: workstationInboxApi(),
      catalog,
      fonts: bundledFonts,
      survey: keyValueSurveyStore(window.localStorage),
      present: (pdf, name) => URL.createObjectURL(new File([pdf as BlobPart], name, { type: 'application/pdf' })),
      now: () => Date.now(),
    }),
    [],
  )
  return (
    <>
      <h1 className="area-title">{t('frame.supervisorTitle')}</h1>
      <SupervisorDepsContext.Provider value={deps}>
        <SupervisorScreen />
      </SupervisorDepsContext.Provider>
    </>
  )
}
