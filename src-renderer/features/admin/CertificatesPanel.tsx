/**
 * The AUTH certificates bound to one account: holder, ИИН, validity and serial of each, unbind; bind a .crt/.cer/.pem
 * file or pasted PEM text. The gateway checks what is bound (trusted, valid, AUTH, the account's ИИН) and records every
 * bind and unbind in the audit trail.
 */
import { useState } from 'react'
import { bytesToBase64 } from '@shared/bytes'
import { formatDate } from '@shared/format'
import type { AdminUser } from '@shared/gateway/admin-api'
import { useTexts } from '../../i18n/texts'
import { adminTexts } from './texts'

/** A certificate file as the gateway takes it: PEM text as it is, DER as base64. */
export async function certificateText(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  const head = new TextDecoder().decode(bytes.subarray(0, 64))
  return head.includes('-----BEGIN') ? new TextDecoder().decode(bytes) : bytesToBase64(bytes)
}

export function CertificatesPanel(props: {
  user: AdminUser
  bind: (certificate: string) => Promise<boolean>
  unbind: (fingerprint: string, holder: string) => Promise<void>
}) {
  const t = useTexts(adminTexts)
  const [text, setText] = useState('')
  // A new form after each bind: the file chooser forgets the file that was bound.
  const [formKey, setFormKey] = useState(0)
  const { user } = props
  return (
    <div className="admin__certs" data-testid="admin-certificates" data-user={user.login ?? user.iin ?? ''}>
      <strong>{t.certificatesOf(user.displayName)}</strong>
      {user.certificates.length === 0 ? (
        <p className="supervisor__note" data-testid="admin-no-certificates">{t.noCertificates}</p>
      ) : (
        <table className="supervisor__table">
          <thead>
            <tr><th>{t.holder}</th><th>{t.iin}</th><th>{t.validity}</th><th>{t.serial}</th><th /></tr>
          </thead>
          <tbody>
            {user.certificates.map((c) => (
              <tr key={c.fingerprint} data-testid="admin-certificate" data-serial={c.serialHex}>
                <td>{c.holderName}</td>
                <td>{c.iin ?? t.none}</td>
                <td>{formatDate(c.notBefore)} – {formatDate(c.notAfter)}</td>
                <td className="mono">{c.serialHex.toUpperCase()}</td>
                <td>
                  <button type="button" className="button button--ghost" data-testid="admin-certificate-unbind" onClick={() => void props.unbind(c.fingerprint, c.holderName)}>
                    {t.unbind}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        key={formKey}
        onSubmit={(e) => {
          e.preventDefault()
          void props.bind(text).then((ok) => {
            if (!ok) return
            setText('')
            setFormKey((k) => k + 1)
          })
        }}
      >
        <label>
          {t.bindFile}{' '}
          <input type="file" accept=".crt,.cer,.pem,application/pkix-cert,application/x-pem-file" data-testid="admin-certificate-file" onChange={(e) => {
            const f = e.target.files?.[0]
            if (f) void certificateText(f).then(setText)
          }} />
        </label>
        <label>
          {t.bindPaste}
          <textarea data-testid="admin-certificate-text" value={text} spellCheck={false} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" data-testid="admin-certificate-bind" disabled={!text.trim()}>{t.bind}</button>
      </form>
    </div>
  )
}
