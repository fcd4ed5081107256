/**
 * The counter's print in Electron: the PDF is shown by Chromium's PDF viewer in a hidden window of its own (plugins on
 * there only; the desk's window keeps them off) and printed with the system print dialog. The file lives in the
 * user's temp folder for the print and is removed after it.
 */
import { randomUUID } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BrowserWindow } from 'electron'
import { ArmError } from '../../src-shared/errors'

export async function printPdfWithDialog(pdf: Uint8Array, title: string): Promise<boolean> {
  const file = path.join(tmpdir(), `arm-print-${randomUUID()}.pdf`)
  await writeFile(file, pdf, { mode: 0o600 })
  const win = new BrowserWindow({
    show: false,
    title,
    webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false, javascript: true },
  })
  try {
    await win.loadFile(file)
    return await new Promise<boolean>((resolve, reject) => {
      win.webContents.print({ silent: false, printBackground: true }, (ok, reason) => {
        if (ok) resolve(true)
        else if (/cancel/i.test(reason)) resolve(false)
        else reject(new ArmError('COUNTER_NO_PRINTER', reason))
      })
    })
  } finally {
    win.destroy()
    await rm(file, { force: true })
  }
}
