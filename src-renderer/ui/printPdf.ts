/**
 * Printing a PDF the way the desk's platform prints: the PDF is loaded into a hidden frame of the page (an object URL:
 * the bytes never leave the desk) and that frame's print() opens the print dialog of the browser workstation, or the
 * system print dialog in Electron. No download link: the operator prints, the consumer takes paper.
 */
import { ArmError } from '@shared/errors'

export interface PdfPrinter {
  /** Resolves once the print dialog has been asked for; COUNTER_NO_PRINTER when printing cannot start. */
  print(pdf: Uint8Array, title: string): Promise<void>
}

const FRAME_ID = 'arm-print-frame'

export function framePdfPrinter(doc: Document = document): PdfPrinter {
  return {
    async print(pdf, title) {
      doc.getElementById(FRAME_ID)?.remove()
      const url = URL.createObjectURL(new Blob([pdf as BlobPart], { type: 'application/pdf' }))
      const frame = doc.createElement('iframe')
      frame.id = FRAME_ID
      frame.title = title
      frame.dataset.testid = 'print-frame'
      // Off screen but laid out: a frame with display:none is never loaded by some engines and cannot print.
      frame.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;border:0;opacity:0'
      frame.src = url
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new ArmError('COUNTER_NO_PRINTER', 'the PDF did not load for printing')), 15_000)
        frame.addEventListener('load', () => (clearTimeout(timer), resolve()), { once: true })
        doc.body.appendChild(frame)
      })
      const win = frame.contentWindow
      if (!win || typeof win.print !== 'function') throw new ArmError('COUNTER_NO_PRINTER', 'this desk cannot print')
      try {
        win.focus()
        win.print()
      } catch (err) {
        throw new ArmError('COUNTER_NO_PRINTER', err instanceof Error ? err.message : String(err))
      }
      frame.dataset.printed = String(Date.now())
    },
  }
}

/** The part of window.arm the desk's printer needs. */
export interface PrintBridge {
  app: {
    health(r: Record<string, never>): Promise<{ runtime: 'electron' | 'browser-host' }>
    printPdf(r: { pdf: string; title: string }): Promise<{ printed: boolean }>
  }
}

/**
 * The desk's printer: in Electron main shows the system print dialog (app.printPdf: the desk's own window has no PDF
 * plugin), in the browser workstation the page prints through its frame. Which one is asked once, from app.health.
 */
export function platformPdfPrinter(bridge: () => PrintBridge | undefined, toBase64: (b: Uint8Array) => string, frame: PdfPrinter = framePdfPrinter()): PdfPrinter {
  let runtime: Promise<'electron' | 'browser-host'> | undefined
  return {
    async print(pdf, title) {
      const api = bridge()
      runtime ??= api ? api.app.health({}).then((h) => h.runtime, () => 'browser-host' as const) : Promise.resolve('browser-host' as const)
      if ((await runtime) !== 'electron' || !api) return frame.print(pdf, title)
      await api.app.printPdf({ pdf: toBase64(pdf), title })
    },
  }
}
