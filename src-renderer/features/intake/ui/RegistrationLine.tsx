/**
 * The confirmation card's number: the registration number as soon as the gateway has registered the request (the
 * desk's local request record gets it from the outbox), the desk's local number until then.
 */
import { useEffect, useState } from 'react'
import { localNumber } from '../../../db/localNumber'
import { defineTexts, useTexts } from '../../../i18n/texts'
import { useIntakeDeps } from './deps'

const texts = defineTexts({
  kk: { registered: 'Тіркеу нөмірі', local: 'Жергілікті нөмір (тіркеуді күтуде)' },
  ru: { registered: 'Регистрационный номер', local: 'Местный номер (ожидает регистрации)' },
  en: { registered: 'Registration number', local: 'Local number (awaiting registration)' },
})

export function RegistrationLine({ requestId }: { requestId: string }) {
  const deps = useIntakeDeps()
  const tx = useTexts(texts)
  const [regNo, setRegNo] = useState<string | undefined>()
  useEffect(() => {
    if (regNo || !deps.recentRequests) return
    let live = true
    const look = async () => {
      const r = (await deps.recentRequests!()).find((x) => x.id === requestId)
      if (live && r?.registrationNumber) setRegNo(r.registrationNumber)
    }
    void look()
    const timer = setInterval(() => void look(), 1000)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [deps, requestId, regNo])
  return (
    <p className="intake-done__number" data-testid="intake-registration" data-registered={regNo ? '1' : '0'}>
      {regNo ? tx.registered : tx.local}: <strong>{regNo ?? localNumber(requestId)}</strong>
    </p>
  )
}
