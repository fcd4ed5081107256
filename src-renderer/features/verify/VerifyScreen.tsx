/**
 * «Verify a document»: a printed result's signed barcode read from a scanned or photographed image (jsQR), a digital
 * document card (PDF/A-3: its attached document and CMS), or its unique number and hash typed from the paper; checked
 * offline (the carried CMS, by main, against the НУЦ roots and CRLs bundled with the desk — no gateway needed) and
 * online (the gateway's public answer, when it answers); shown as a DSS / DigiDoc4-like report with a plain summary
 * and exported as PDF.
 */
import { useState, type FormEvent } from 'react'
import { ArmError, errorText, type ErrorCode } from '@shared/errors'
import { isPdf, verifyBarcode, verifyCard, verifyTyped, type DocumentVerification } from '@shared/verify'
import { scanQrCodes } from '@shared/verify/qr-scan'
import { useLang } from '../../i18n/lang'
import { useTexts } from '../../i18n/texts'
import { useVerifyDeps } from './deps'
import { readImageFile } from './readImage'
import { ReportView } from './ReportView'
import { verifyTexts } from './texts'
import './verify.css'

type Busy = 'reading' | 'reading-card' | 'checking' | null

export function VerifyScreen() {
  const deps = useVerifyDeps()
  const lang = useLang()
  const tx = useTexts(verifyTexts)
  const [busy, setBusy] = useState<Busy>(null)
  const [onlineCheck, setOnlineCheck] = useState(true)
  const [number, setNumber] = useState('')
  const [hash, setHash] = useState('')
  const [codes, setCodes] = useState<number | null>(null)
  const [result, setResult] = useState<DocumentVerification | null>(null)
  const [error, setError] = useState<ErrorCode | null>(null)

  const reset = () => {
    setResult(null)
    setError(null)
  }

  const fromFile = async (file: File | undefined) => {
    if (!file) return
    reset()
    const bytes = new Uint8Array(await file.arrayBuffer())
    const online = onlineCheck ? { online: deps.online } : {}
    if (isPdf(bytes)) {
      // A document card: its attachments are the signed document and its CMS (the page's barcode is the same data).
      setCodes(null)
      setBusy('reading-card')
      try {
        setResult(await verifyCard(bytes, { check: deps.check, ...online }))
      } finally {
        setBusy(null)
      }
      return
    }
    setBusy('reading')
    try {
      const image = await readImageFile(file)
      // Let the progress line paint before the decoder holds the thread for a second or two.
      await new Promise((r) => setTimeout(r, 30))
      const texts = scanQrCodes(image)
      setCodes(texts.length)
      setBusy('checking')
      setResult(await verifyBarcode(texts, { check: deps.check, ...online }))
    } catch (err) {
      setError(err instanceof ArmError ? err.code : 'VERIFY_IMAGE_UNREADABLE')
    } finally {
      setBusy(null)
    }
  }

  const fromTyped = async (e: FormEvent) => {
    e.preventDefault()
    reset()
    setCodes(null)
    setBusy('checking')
    try {
      setResult(await verifyTyped({ registrationNumber: number, sha256: hash }, onlineCheck ? deps.online : undefined))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="verify" data-testid="verify-screen">
      <p className="verify__intro">{tx.intro}</p>
      <div className="verify__inputs">
        <section className="verify__panel" aria-labelledby="verify-image">
          <h2 id="verify-image">{tx.fromImage}</h2>
          <label className="verify__field">
            <span>{tx.chooseFile}</span>
            <input type="file" accept="image/png,image/jpeg,application/pdf" data-testid="verify-file" disabled={!!busy} onChange={(e) => void fromFile(e.target.files?.[0])} />
          </label>
          {codes !== null && <p data-testid="verify-codes">{tx.codesRead(codes)}</p>}
        </section>
        <form className="verify__panel" onSubmit={(e) => void fromTyped(e)} aria-labelledby="verify-typed">
          <h2 id="verify-typed">{tx.typed}</h2>
          <label className="verify__field">
            <span>{tx.number}</span>
            <input value={number} onChange={(e) => setNumber(e.target.value)} data-testid="verify-number" autoComplete="off" />
          </label>
          <label className="verify__field">
            <span>{tx.hash}</span>
            <input value={hash} onChange={(e) => setHash(e.target.value)} data-testid="verify-hash" autoComplete="off" spellCheck={false} className="verify__mono" />
          </label>
          <button type="submit" className="button button--primary" disabled={!!busy} data-testid="verify-check">
            {tx.check}
          </button>
        </form>
      </div>
      <label className="verify__online">
        <input type="checkbox" checked={onlineCheck} onChange={(e) => setOnlineCheck(e.target.checked)} data-testid="verify-online" /> {tx.online}
      </label>
      {busy && (
        <p role="status" data-testid="verify-busy">
          {busy === 'reading' ? tx.reading : busy === 'reading-card' ? tx.readingCard : tx.checking}
        </p>
      )}
      {error && (
        <p className="verify__error" role="alert" data-testid="verify-error" data-code={error}>
          {errorText(error, lang)}
        </p>
      )}
      {result && <ReportView result={result} />}
    </div>
  )
}
