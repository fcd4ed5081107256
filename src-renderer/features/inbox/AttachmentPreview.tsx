import { useEffect, useRef, useState } from 'react'
import { toArmError, type ArmErrorPayload } from '@shared/errors'
import { useInboxDeps, type ObjectUrls } from './deps'
import { ErrorNote } from '../../ui/ErrorNote'
import { useTexts } from '../../i18n/texts'
import { inboxTexts } from './texts'

/** One attachment as the envelope lists it. */
export interface AttachmentRef {
  docType: string
  sha256: string
  size: number
  mediaType: string
  pages: number
}

/**
 * How a media type is shown. Only these two kinds reach the page as blob: URLs: a PDF in an <iframe> (Chromium's
 * viewer) and PNG/JPEG in an <img>. Anything else (TIFF, or a type the gateway should never have stored) is offered
 * only as a download, so a blob of unexpected content can never be rendered as a document of the app's origin.
 */
export function previewKind(mediaType: string): 'pdf' | 'image' | 'none' {
  if (mediaType === 'application/pdf') return 'pdf'
  if (mediaType === 'image/png' || mediaType === 'image/jpeg') return 'image'
  return 'none'
}

export const browserObjectUrls: ObjectUrls = {
  create: (blob) => URL.createObjectURL(blob),
  revoke: (url) => URL.revokeObjectURL(url),
}

type State = { kind: 'loading' } | { kind: 'ready'; url: string; show: 'pdf' | 'image' | 'none'; mediaType: string } | { kind: 'error'; error: ArmErrorPayload }

/**
 * The preview of one scanned document: fetched with the session token (GET /attachments/:sha256), checked against
 * its SHA-256, shown from a blob: URL that is revoked when the preview closes. The panel takes the focus; Esc or the
 * close button return it to the button that opened it.
 */
export function AttachmentPreview(props: { attachment: AttachmentRef; name: string; onClose: () => void }) {
  const t = useTexts(inboxTexts)
  const deps = useInboxDeps()
  const urls = deps.objectUrls ?? browserObjectUrls
  const { attachment, onClose } = props
  const [state, setState] = useState<State>({ kind: 'loading' })
  const closeRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    closeRef.current?.focus()
  }, [])
  useEffect(() => {
    let live = true
    let url: string | null = null
    setState({ kind: 'loading' })
    deps.api.attachment(attachment.sha256).then(
      ({ bytes, mediaType }) => {
        if (!live) return
        const show = previewKind(mediaType)
        // The blob's type is the allow-listed one, never whatever the server said beyond it.
        const type = show === 'none' ? 'application/octet-stream' : mediaType
        url = urls.create(new Blob([bytes as BlobPart], { type }))
        setState({ kind: 'ready', url, show, mediaType })
      },
      (err) => live && setState({ kind: 'error', error: toArmError(err).toPayload() }),
    )
    return () => {
      live = false
      if (url) urls.revoke(url)
    }
  }, [deps, urls, attachment.sha256])

  const title = t.view.preview.title(props.name)
  const fileName = `${attachment.docType}-${attachment.sha256.slice(0, 12)}.${attachment.mediaType.split('/')[1] ?? 'bin'}`
  return (
    <section
      className="attachment-preview"
      role="region"
      aria-label={title}
      data-testid="attachment-preview"
      data-sha256={attachment.sha256}
      data-state={state.kind}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // The request view goes back on Esc; here Esc only closes the preview.
          e.preventDefault()
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <header className="attachment-preview__bar">
        <h4>{title}</h4>
        <span className="inbox-note">{t.view.preview.hint}</span>
        {state.kind === 'ready' && (
          <a className="button button--ghost" href={state.url} download={fileName} data-testid="attachment-save">
            {t.view.preview.save}
          </a>
        )}
        <button type="button" className="button" ref={closeRef} data-testid="attachment-close" onClick={onClose}>
          {t.view.preview.close}
        </button>
      </header>
      {state.kind === 'loading' && <p data-testid="attachment-loading">{t.view.preview.loading}</p>}
      {state.kind === 'error' && <ErrorNote error={state.error} testId="attachment-error" />}
      {state.kind === 'ready' && state.show === 'pdf' && (
        <iframe className="attachment-preview__frame" src={state.url} title={t.view.preview.frame(props.name)} data-testid="attachment-frame" />
      )}
      {state.kind === 'ready' && state.show === 'image' && <img className="attachment-preview__image" src={state.url} alt={props.name} data-testid="attachment-image" />}
      {state.kind === 'ready' && state.show === 'none' && <p data-testid="attachment-unsupported">{t.view.preview.unsupported}</p>}
    </section>
  )
}
