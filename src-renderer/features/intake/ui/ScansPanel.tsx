import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import { useLang } from '../../../i18n/lang'
import { useTexts } from '../../../i18n/texts'
import { errorText, toArmError, type ErrorCode } from '@shared/errors'
import { base64ToBytes } from '@shared/envelope'
import type { DocumentRequirement } from '@shared/catalog/types'
import { intakeTexts } from '../texts'
import { pages as pageOps, type DocumentSlot, type IntakeDraft, type PageRef, type SourceRef } from '../core/model'
import { importScan } from '../scans/importFile'
import { decodeTiff } from '../scans/tiff'
import { pdfPageThumbnail } from '../scans/pdfPreview'
import { useIntakeDeps } from './deps'

type Need = 'required' | 'optional'

/** A TIFF page drawn to a small PNG (Chromium cannot show TIFF), for the preview tile only. */
async function tiffPreview(bytes: Uint8Array, index: number): Promise<Blob | null> {
  const page = (await decodeTiff(bytes))[index]
  if (!page || typeof document === 'undefined') return null
  const canvas = document.createElement('canvas')
  const scale = Math.min(1, 240 / Math.max(page.width, page.height))
  canvas.width = Math.max(1, Math.round(page.width * scale))
  canvas.height = Math.max(1, Math.round(page.height * scale))
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  const img = ctx.createImageData(canvas.width, canvas.height)
  const rowBytes = page.bitsPerComponent === 1 ? Math.ceil(page.width / 8) : page.width * (page.colorSpace === 'DeviceRGB' ? 3 : 1)
  for (let y = 0; y < canvas.height; y++) {
    const sy = Math.min(page.height - 1, Math.floor(y / scale))
    for (let x = 0; x < canvas.width; x++) {
      const sx = Math.min(page.width - 1, Math.floor(x / scale))
      let r: number, g: number, b: number
      if (page.bitsPerComponent === 1) {
        const bit = (page.samples[sy * rowBytes + (sx >> 3)] >> (7 - (sx & 7))) & 1
        r = g = b = bit ? 255 : 0
      } else if (page.colorSpace === 'DeviceRGB') {
        const o = sy * rowBytes + sx * 3
        r = page.samples[o]
        g = page.samples[o + 1]
        b = page.samples[o + 2]
      } else r = g = b = page.samples[sy * rowBytes + sx]
      if (page.whiteIsZero) r = g = b = 255 - r
      const o = (y * canvas.width + x) * 4
      img.data[o] = r
      img.data[o + 1] = g
      img.data[o + 2] = b
      img.data[o + 3] = 255
    }
  }
  ctx.putImageData(img, 0, 0)
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/png'))
}

/** Preview URLs per page (`sourceId:index`): images as they are, TIFF pages redrawn; revoked when the panel goes. */
function usePreviewUrls(draft: IntakeDraft, load: (sha: string) => Promise<Uint8Array | undefined>) {
  const [urls, setUrls] = useState<Record<string, string>>({})
  const made = useRef<Record<string, string>>({})
  useEffect(() => {
    let cancelled = false
    for (const s of Object.values(draft.sources)) {
      if (s.mediaType === 'application/pdf') continue
      for (let index = 0; index < s.pageCount; index++) {
        const key = `${s.id}:${index}`
        if (made.current[key]) continue
        made.current[key] = 'pending'
        void load(s.sha256)
          .then(async (bytes) => {
            if (cancelled || !bytes) return
            const blob = s.mediaType === 'image/tiff' ? await tiffPreview(bytes, index) : new Blob([bytes as BlobPart], { type: s.mediaType })
            if (!blob || cancelled) return
            const url = URL.createObjectURL(blob)
            made.current[key] = url
            setUrls((u) => ({ ...u, [key]: url }))
          })
          .catch(() => undefined)
      }
    }
    return () => {
      cancelled = true
    }
  }, [draft.sources, load])
  useEffect(
    () => () => {
      for (const u of Object.values(made.current)) if (u.startsWith('blob:')) URL.revokeObjectURL(u)
    },
    [],
  )
  return urls
}

/**
 * One PDF page drawn by pdf.js, only once its tile scrolls into view (a 50-page PDF must not render 50 pages up
 * front), with the operator's rotation drawn into the picture. If it cannot be drawn the placeholder stays, with a
 * note and the error code.
 */
function PdfThumb(props: { source: SourceRef; page: PageRef; load: (sha: string) => Promise<Uint8Array | undefined> }) {
  const tx = useTexts(intakeTexts)
  const lang = useLang()
  const { source, page, load } = props
  const box = useRef<HTMLDivElement>(null)
  const [visible, setVisible] = useState(false)
  const [shown, setShown] = useState<{ key: string; url: string } | null>(null)
  const [failed, setFailed] = useState<{ key: string; code: ErrorCode } | null>(null)
  const key = `${source.sha256}:${page.index}:${page.rotation}`

  useEffect(() => {
    const el = box.current
    if (!el || visible) return
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true)
      return
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: '200px' })
    io.observe(el)
    return () => io.disconnect()
  }, [visible])

  useEffect(() => {
    if (!visible) return
    let cancelled = false
    pdfPageThumbnail(source.sha256, page.index, page.rotation, load).then(
      (url) => !cancelled && setShown({ key, url }),
      (err: unknown) => !cancelled && setFailed({ key, code: toArmError(err).code }),
    )
    return () => {
      cancelled = true
    }
  }, [visible, key, source.sha256, page.index, page.rotation, load])

  // While the rotated picture is being drawn, the previous one stays (turned by CSS) instead of a flash of the placeholder.
  const pending = shown && shown.key !== key ? ((page.rotation - Number(shown.key.split(':')[2])) % 360 + 360) % 360 : 0
  const error = failed?.key === key ? failed.code : null
  return (
    <div ref={box} className="scan-page__preview" aria-hidden="true" data-preview="pdf">
      {shown && !error ? (
        <img src={shown.url} alt="" data-testid="scan-thumb" data-rendered={shown.key === key ? 'yes' : 'stale'} style={pending ? { transform: `rotate(${pending}deg)` } : undefined} />
      ) : (
        <span className="scan-page__kind">
          PDF · {page.index + 1}
          {error && (
            <span className="scan-page__note" data-testid="scan-thumb-failed" data-code={error} title={`${errorText(error, lang)} [${error}]`}>
              {tx.scans.noPreview} [{error}]
            </span>
          )}
        </span>
      )}
    </div>
  )
}

function PageTile(props: {
  page: PageRef
  n: number
  total: number
  source: SourceRef | undefined
  url?: string
  load: (sha: string) => Promise<Uint8Array | undefined>
  onChange: (op: 'rotate' | 'up' | 'down' | 'remove') => void
}) {
  const tx = useTexts(intakeTexts)
  const { page, source } = props
  return (
    <li className="scan-page" data-testid="scan-page">
      {source?.mediaType === 'application/pdf' ? (
        <PdfThumb source={source} page={page} load={props.load} />
      ) : (
        <div className="scan-page__preview" style={{ transform: `rotate(${page.rotation}deg)` }} aria-hidden="true">
          {props.url ? <img src={props.url} alt="" data-testid="scan-thumb" /> : <span className="scan-page__kind">TIFF · {page.index + 1}</span>}
        </div>
      )}
      <div className="scan-page__label">
        {tx.scans.page({ n: props.n })} · {source?.name} {page.rotation ? `· ${page.rotation}°` : ''}
      </div>
      <div className="scan-page__tools">
        <button type="button" className="button button--small" onClick={() => props.onChange('rotate')} aria-label={`${tx.scans.rotate} ${props.n}`}>
          ⟳
        </button>
        <button type="button" className="button button--small" disabled={props.n === 1} onClick={() => props.onChange('up')} aria-label={`${tx.scans.up} ${props.n}`}>
          ↑
        </button>
        <button type="button" className="button button--small" disabled={props.n === props.total} onClick={() => props.onChange('down')} aria-label={`${tx.scans.down} ${props.n}`}>
          ↓
        </button>
        <button type="button" className="button button--small button--danger" onClick={() => props.onChange('remove')} aria-label={`${tx.scans.remove} ${props.n}`}>
          ✕
        </button>
      </div>
    </li>
  )
}

function DocumentCard(props: {
  req: DocumentRequirement
  need: Need
  draft: IntakeDraft
  urls: Record<string, string>
  load: (sha: string) => Promise<Uint8Array | undefined>
  update: (fn: (d: IntakeDraft) => IntakeDraft) => void
}) {
  const tx = useTexts(intakeTexts)
  const lang = useLang()
  const deps = useIntakeDeps()
  const { req, draft } = props
  const slot: DocumentSlot = draft.documents[req.id] ?? { pages: [], originalSeen: false }
  const [progress, setProgress] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [over, setOver] = useState(false)
  const [scan, setScan] = useState<{ jobId: string; pages: number; wanted?: number } | null>(null)
  const [scanPages, setScanPages] = useState('')
  const inputRef = useRef<HTMLInputElement>(null)

  const setSlot = (fn: (s: DocumentSlot) => DocumentSlot) =>
    props.update((d) => ({ ...d, documents: { ...d.documents, [req.id]: fn(d.documents[req.id] ?? { pages: [], originalSeen: false }) } }))

  async function addFiles(files: File[]) {
    setError(null)
    let count = slot.pages.length
    for (const file of files) {
      try {
        setProgress(0)
        const imp = await importScan(file, count, undefined, (f) => setProgress(Math.round(f * 100)))
        await deps.store.putSource(draft.id, imp.sha256, imp.mediaType, imp.bytes)
        const src: SourceRef = { id: deps.newId(), sha256: imp.sha256, mediaType: imp.mediaType, size: imp.bytes.length, name: file.name, pageCount: imp.pageCount }
        const newPages: PageRef[] = Array.from({ length: imp.pageCount }, (_, index) => ({ id: deps.newId(), sourceId: src.id, index, rotation: 0 }))
        count += imp.pageCount
        props.update((d) => ({
          ...d,
          sources: { ...d.sources, [src.id]: src },
          documents: {
            ...d.documents,
            [req.id]: { ...(d.documents[req.id] ?? { originalSeen: false, pages: [] }), pages: [...(d.documents[req.id]?.pages ?? []), ...newPages] },
          },
        }))
      } catch (err) {
        const e = toArmError(err)
        setError(`${file.name}: ${errorText(e.code, lang)} [${e.code}]`)
      } finally {
        setProgress(null)
      }
    }
  }

  /** Scans with the desk's scanner in main, page by page shown as it goes; the pages join the same flow as a file. */
  async function startScan() {
    const scanner = deps.scanner
    if (!scanner || scan) return
    setError(null)
    const jobId = `scan-${deps.newId()}`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64)
    const wanted = Number(scanPages) > 0 ? Math.min(500, Math.trunc(Number(scanPages))) : undefined
    setScan({ jobId, pages: 0, wanted })
    const follow = setInterval(() => {
      scanner.progress(jobId).then((p) => setScan((s) => (s?.jobId === jobId ? { ...s, pages: p.pagesScanned } : s)), () => undefined)
    }, 400)
    try {
      const r = await scanner.scan(jobId, { pages: wanted, resolution: 200, mode: 'gray', source: 'auto' })
      await addFiles(r.pages.map((p) => new File([base64ToBytes(p.content) as BlobPart], `scan-${p.index + 1}.png`, { type: p.mediaType })))
    } catch (err) {
      const e = toArmError(err)
      setError(`${errorText(e.code, lang)} [${e.code}]`)
    } finally {
      clearInterval(follow)
      setScan(null)
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault()
    setOver(false)
    void addFiles(Array.from(e.dataTransfer.files))
  }

  const needLabel = props.need === 'required' ? tx.scans.requiredDoc : tx.scans.optionalDoc
  return (
    <li className={`scan-doc${props.need === 'required' ? ' scan-doc--required' : ''}`} data-testid={`doc-${req.id}`}>
      <div className="scan-doc__head">
        <strong>{req.name[lang]}</strong> <span className="scan-doc__need">({needLabel})</span>
        <span className="scan-doc__count">{tx.scans.pages({ count: slot.pages.length })}</span>
      </div>
      {req.paperOriginal && (
        <label className="scan-doc__original">
          <input type="checkbox" checked={slot.originalSeen} onChange={(e) => setSlot((s) => ({ ...s, originalSeen: e.target.checked }))} data-testid={`original-${req.id}`} />{' '}
          {tx.scans.originalSeen}
        </label>
      )}
      <div
        className={`scan-drop${over ? ' scan-drop--over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid={`drop-${req.id}`}
      >
        <span>{tx.scans.drop}</span>
        <button type="button" className="button button--small" onClick={() => inputRef.current?.click()}>
          {tx.scans.add}
        </button>
        {deps.scanner?.available() && (
          <>
            <button type="button" className="button button--small" disabled={!!scan} onClick={() => void startScan()} data-testid={`scanner-${req.id}`}>
              {tx.scans.scan}
            </button>
            <label className="scan-doc__pages">
              {tx.scans.scanPages}{' '}
              <input type="number" min={1} max={500} inputMode="numeric" value={scanPages} onChange={(e) => setScanPages(e.target.value)} data-testid={`scanner-pages-${req.id}`} />
            </label>
          </>
        )}
        <input
          ref={inputRef}
          type="file"
          multiple
          hidden
          accept=".jpg,.jpeg,.png,.tif,.tiff,.pdf,image/jpeg,image/png,image/tiff,application/pdf"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? [])
            e.target.value = ''
            void addFiles(files)
          }}
          data-testid={`file-${req.id}`}
        />
      </div>
      {scan && (
        <div className="scan-progress" role="status" data-testid={`scanner-progress-${req.id}`} data-pages={scan.pages}>
          <progress max={scan.wanted} value={scan.wanted ? scan.pages : undefined} /> {tx.scans.scanning({ n: scan.pages + 1 })}{' '}
          <button type="button" className="button button--small" onClick={() => void deps.scanner?.cancel(scan.jobId)} data-testid={`scanner-stop-${req.id}`}>
            {tx.scans.scanStop}
          </button>
        </div>
      )}
      {progress !== null && (
        <div className="scan-progress">
          <progress max={100} value={progress} /> {tx.scans.reading({ pct: progress })}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid={`scan-error-${req.id}`}>
          {error}
        </p>
      )}
      {slot.pages.length > 0 && (
        <ol className="scan-pages">
          {slot.pages.map((p, i) => (
            <PageTile
              key={p.id}
              page={p}
              n={i + 1}
              total={slot.pages.length}
              source={draft.sources[p.sourceId]}
              url={props.urls[`${p.sourceId}:${p.index}`]}
              load={props.load}
              onChange={(op) =>
                setSlot((s) => (op === 'rotate' ? pageOps.rotate(s, p.id, 90) : op === 'up' ? pageOps.move(s, p.id, -1) : op === 'down' ? pageOps.move(s, p.id, 1) : pageOps.remove(s, p.id)))
              }
            />
          ))}
        </ol>
      )}
    </li>
  )
}

/** The checklist of the service's documents: scans per document, each with its «paper original seen» mark. */
export function ScansPanel(props: { documents: { req: DocumentRequirement; need: Need }[]; draft: IntakeDraft; update: (fn: (d: IntakeDraft) => IntakeDraft) => void }) {
  const tx = useTexts(intakeTexts)
  const deps = useIntakeDeps()
  const load = useMemo(() => (sha: string) => deps.store.getSource(sha), [deps.store])
  const urls = usePreviewUrls(props.draft, load)
  return (
    <section className="intake-section" aria-labelledby="scans-title">
      <h3 id="scans-title">{tx.scans.title}</h3>
      <ul className="scan-docs">
        {props.documents.map(({ req, need }) => (
          <DocumentCard key={req.id} req={req} need={need} draft={props.draft} urls={urls} load={load} update={props.update} />
        ))}
      </ul>
    </section>
  )
}
