/**
 * `arm catalog` — prints the service catalogue: `--json` the whole catalogue as data (what the renderer and the
 * gateway import), otherwise a readable table. Registered by the CLI dispatcher (src-main/cli/arm.ts).
 *
 *   arm catalog [--json] [--lang kk|ru|en] [--search <words>] [--service <id>]
 */
import { catalog, type ServiceDefinition } from '../../../src-shared/catalog'
import { ArmError, errorText, LANGS, type Lang } from '../../../src-shared/errors'
import { parseCommand, reportError, wantsHelp, type CliIo, type CommandSpec } from '../io'

const USAGE = `Usage: arm catalog [--json] [--lang kk|ru|en] [--search <words>] [--service <id>]
  --json            the whole catalogue (or the chosen services) as JSON
  --lang            language of the table (default ru)
  --search <words>  only services matching the words (Kazakh or Russian)
  --service <id>    one service; with --json its full definition
`

const UNIT: Record<Lang, Record<string, string>> = {
  kk: { minutes: 'мин', hours: 'сағ', workingDays: 'жұм. күн', calendarDays: 'күн', months: 'ай' },
  ru: { minutes: 'мин', hours: 'ч', workingDays: 'раб. дн.', calendarDays: 'кал. дн.', months: 'мес.' },
  en: { minutes: 'min', hours: 'h', workingDays: 'working days', calendarDays: 'days', months: 'months' },
}
const HEAD: Record<Lang, string[]> = {
  kk: ['№', 'id', 'Үлгі', 'Арналар', 'Баж', 'Мерзім', 'Атауы'],
  ru: ['№', 'id', 'Схема', 'Каналы', 'Пошлина', 'Срок', 'Наименование'],
  en: ['No', 'id', 'Pattern', 'Channels', 'Fee', 'Term', 'Name'],
}
const NO_FEE: Record<Lang, string> = { kk: 'жоқ', ru: 'нет', en: 'none' }
const MRP: Record<Lang, string> = { kk: 'АЕК', ru: 'МРП', en: 'MCI' }

function row(s: ServiceDefinition, i: number, lang: Lang): string[] {
  const ch = [s.channels.tson ? 'ЦОН' : '', s.channels.provider ? 'РШЭП' : '', s.channels.portal ? 'ПЭП' : ''].filter(Boolean).join('+')
  const fee = s.fee.kind === 'none' ? NO_FEE[lang] : `${s.fee.multiplier} ${MRP[lang]} / ${s.fee.payWithinHours}h`
  const term = `${s.terms.regulated.amount} ${UNIT[lang][s.terms.regulated.unit]}`
  return [String(i + 1), s.id, s.pattern, ch, fee, term, s.shortName[lang]]
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)))
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c] - [...cell].length))).join('  ')).join('\n') + '\n'
}

export const CATALOG_SPEC: CommandSpec = {
  usage: USAGE,
  options: { json: { type: 'boolean' }, lang: { type: 'string' }, search: { type: 'string' }, service: { type: 'string' } },
}

export async function catalogCommand(args: string[], io: CliIo): Promise<number> {
  if (wantsHelp(args)) {
    io.stdout(USAGE)
    return 0
  }
  let json: boolean
  let lang: Lang
  let query: string | undefined
  let serviceId: string | undefined
  try {
    const a = parseCommand(args, CATALOG_SPEC)
    const l = a.get('lang') ?? 'ru'
    if (!(LANGS as readonly string[]).includes(l)) throw new ArmError('ARGUMENT_INVALID', `unknown language ${l}\n${USAGE.trimEnd()}`)
    json = a.has('json')
    lang = l as Lang
    query = a.get('search')
    serviceId = a.get('service')
  } catch (err) {
    return reportError(err, io)
  }

  let services: readonly ServiceDefinition[] = catalog.list()
  if (serviceId !== undefined) {
    const s = catalog.find(serviceId)
    if (!s) {
      io.stderr(`arm catalog: ${serviceId}: ${errorText('CATALOG_UNKNOWN_SERVICE', lang)}\n`)
      return 1
    }
    services = [s]
  }
  if (query !== undefined) {
    // keep the search ranking, within the services chosen so far
    const allowed = new Set(services.map((s) => s.id))
    services = catalog.search(query, lang).filter((s) => allowed.has(s.id))
  }

  if (json) {
    const whole = serviceId === undefined && query === undefined
    const body = whole ? catalog.toJSON() : serviceId !== undefined && services.length === 1 ? services[0] : { services }
    io.stdout(JSON.stringify(body, null, 2) + '\n')
    return 0
  }
  if (services.length === 0) {
    io.stdout(lang === 'kk' ? 'Ештеңе табылмады.\n' : lang === 'en' ? 'Nothing found.\n' : 'Ничего не найдено.\n')
    return 0
  }
  io.stdout(table([HEAD[lang], ...services.map((s) => row(s, catalog.list().indexOf(s), lang))]))
  return 0
}
