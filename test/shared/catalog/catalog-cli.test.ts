import { describe, expect, it } from 'vitest'
import { catalogCommand } from '../../../src-main/cli/commands/catalog'
import { SERVICES } from '@shared/catalog'

async function run(args: string[]) {
  let out = ''
  let err = ''
  const code = await catalogCommand(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) })
  return { code, out, err }
}

describe('arm catalog', () => {
  it('--json prints the whole catalogue as data', async () => {
    const r = await run(['--json'])
    expect(r.code).toBe(0)
    const parsed = JSON.parse(r.out)
    expect(parsed.version).toBe(1)
    expect(parsed.services.map((s: { id: string }) => s.id)).toEqual(SERVICES.map((s) => s.id))
    expect(parsed.services).toEqual(JSON.parse(JSON.stringify(SERVICES)))
  })

  it('prints a readable table with one row per service in the chosen language', async () => {
    const ru = await run([])
    expect(ru.code).toBe(0)
    const lines = ru.out.trimEnd().split('\n')
    expect(lines).toHaveLength(19)
    expect(lines[0]).toMatch(/^№\s+id\s+Схема/)
    expect(ru.out).toContain('archive.certificate')
    expect(ru.out).toContain('Архивная справка')
    expect(ru.out).toContain('15 кал. дн.')
    expect(ru.out).toContain('1 МРП / 24h')
    const kk = await run(['--lang', 'kk'])
    expect(kk.out).toContain('Мұрағаттық анықтама')
  })

  it('filters by search words and by id', async () => {
    const r = await run(['--search', 'балабақша', '--lang', 'kk'])
    expect(r.out.trimEnd().split('\n')[1]).toContain('akimat.preschool-queue')
    const one = await run(['--service', 'land.cadastral-info', '--json'])
    expect(JSON.parse(one.out).id).toBe('land.cadastral-info')
    const none = await run(['--search', 'qwertyzxcv'])
    expect(none.out).toContain('Ничего не найдено')
  })

  it('bad input gives a message and a non-zero exit code', async () => {
    const unknown = await run(['--service', 'zags.nope', '--lang', 'en'])
    expect(unknown.code).toBe(1)
    expect(unknown.err).toContain('There is no such public service')
    expect((await run(['--bogus'])).code).toBe(2)
    expect((await run(['--lang', 'de'])).code).toBe(2)
    expect((await run(['--search'])).code).toBe(2)
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.out).toContain('Usage: arm catalog')
  })
})
