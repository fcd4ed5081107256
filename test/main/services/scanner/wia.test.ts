import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ProcessExit, ProcessRunner, RunningProcess } from '../../../../src-main/services/scanner/process'
import { createScannerService } from '../../../../src-main/services/scanner/service'
import { WIA_SCAN_SCRIPT } from '../../../../src-main/services/scanner/wia'

/**
 * Windows has no WIA here, so PowerShell is played by a stand-in runner that follows the same page-file protocol as
 * the script (pages saved as PNG into ARM_WIA_DIR, each path printed on stdout, `ARM:<WORD>` on stderr on failure).
 * What is checked is our side: the script and its parameters reach PowerShell, pages come back, failures are coded.
 */
const tmp = mkdtempSync(join(tmpdir(), 'arm-wia-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
// A real 1×1 PNG as a scanned page.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABc3UWCgAAAABJRU5ErkJggg==', 'base64')

interface Call {
  command: string
  script: string
  env: Record<string, string | undefined>
}

function powershellStandIn(play: (call: Call, print: (line: string) => void) => Partial<ProcessExit>): { runner: ProcessRunner; calls: Call[] } {
  const calls: Call[] = []
  return {
    calls,
    runner: {
      start(command, args, options): RunningProcess {
        const encoded = args[args.indexOf('-EncodedCommand') + 1]
        const call = { command, script: Buffer.from(encoded, 'base64').toString('utf16le'), env: options?.env ?? {} }
        calls.push(call)
        const listeners: ((l: string) => void)[] = []
        let stdout = ''
        const exited = Promise.resolve().then(() => {
          const r = play(call, (line) => {
            stdout += line + '\n'
            for (const l of listeners) l(line)
          })
          return { code: 0, signal: null, stdout, stderr: '', ...r }
        })
        return { pid: 1, onStdoutLine: (l) => void listeners.push(l), exited, kill: () => {} }
      },
    },
  }
}

describe('scanner service over WIA (PowerShell stand-in)', () => {
  it('is chosen on Windows, lists WIA scanners and scans two feeder pages', async () => {
    const { runner, calls } = powershellStandIn((call, print) => {
      if (!call.script.includes('Transfer')) {
        print('{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001\tCanon\tDR-C225 II\tscanner')
        return {}
      }
      for (let n = 1; n <= Number(call.env.ARM_WIA_PAGES); n++) {
        const path = join(call.env.ARM_WIA_DIR!, `page-${n}.png`)
        writeFileSync(path, PNG)
        print(path)
      }
      return {}
    })
    const scanner = createScannerService({ platform: 'win32', env: { SystemRoot: 'C:\\Windows' }, runner, tmpDir: tmp })
    expect(scanner.driverName).toBe('wia')
    const devices = await scanner.list()
    expect(devices).toEqual([{ id: '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001', vendor: 'Canon', model: 'DR-C225 II', kind: 'scanner', driver: 'wia' }])
    expect(calls[0].command).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe')
    const outcome = await scanner.scan({ device: devices[0].id, pages: 2, source: 'feeder', mode: 'gray', resolution: 200 })
    expect(outcome.pages.map((p) => [p.index, p.width, p.dpi])).toEqual([
      [0, 1, 200],
      [1, 1, 200],
    ])
    // parameters travel in the environment, not in the script text
    expect(calls[1].script).toBe(WIA_SCAN_SCRIPT)
    expect(calls[1].env).toMatchObject({ ARM_WIA_DEVICE: devices[0].id, ARM_WIA_SOURCE: 'feeder', ARM_WIA_INTENT: '2', ARM_WIA_DPI: '200', ARM_WIA_PAGES: '2' })
  })

  it('WIA failures become the operator codes', async () => {
    for (const [word, code] of [
      ['JAMMED', 'SCANNER_JAMMED'],
      ['FEEDER_EMPTY', 'SCANNER_FEEDER_EMPTY'],
      ['NOT_FOUND', 'SCANNER_NOT_FOUND'],
      ['NO_WIA', 'SCANNER_DRIVER_MISSING'],
      ['FAILED', 'SCANNER_FAILED'],
    ]) {
      const { runner } = powershellStandIn(() => ({ code: 4, stderr: `ARM:${word} 80210002\n` }))
      const scanner = createScannerService({ platform: 'win32', env: {}, runner, tmpDir: tmp })
      await expect(scanner.scan({ device: 'x' })).rejects.toMatchObject({ code })
    }
    const { runner } = powershellStandIn(() => ({ code: null, spawnError: 'ENOENT' }))
    await expect(createScannerService({ platform: 'win32', env: {}, runner, tmpDir: tmp }).list()).rejects.toMatchObject({ code: 'SCANNER_DRIVER_MISSING' })
  })
})
