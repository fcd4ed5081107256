/**
 * A SANE configuration folder that offers only SANE's `test` backend (Debian libsane1, installed with sane-utils):
 * `test:0` is a virtual scanner with a flatbed and an automatic document feeder holding 10 sheets.
 * Extra lines go to test.conf (e.g. a read delay so that a scan runs long enough to be cancelled).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SaneEnv {
  dir: string
  env: Record<string, string | undefined>
  remove(): void
}

export function saneTestEnv(options: { backends?: string[]; testConf?: string[] } = {}): SaneEnv {
  const dir = mkdtempSync(join(tmpdir(), 'arm-sane-'))
  writeFileSync(join(dir, 'dll.conf'), (options.backends ?? ['test']).join('\n') + '\n')
  writeFileSync(join(dir, 'test.conf'), ['number_of_devices 1', 'test-picture "Color pattern"', ...(options.testConf ?? [])].join('\n') + '\n')
  // Without a trailing ':' SANE reads only this folder, never /etc/sane.d: no real scanner backend is probed.
  return { dir, env: { ...process.env, SANE_CONFIG_DIR: dir }, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
