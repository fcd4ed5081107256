import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// Each restriction of eslint-rules/layering.mjs and the src-shared globals rule, proved on inline samples
// linted as if they lived in the forbidden folder, with the repo's own eslint.config.mjs.
const root = path.resolve(__dirname, '../..')
const eslint = new ESLint({ cwd: root })

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return result.messages.filter((m) => m.ruleId === 'arm/layering' || m.ruleId === 'no-restricted-globals').map((m) => `${m.ruleId}: ${m.message}`)
}

const violations: [string, string, string, RegExp][] = [
  ['electron outside src-main/electron (services)', 'src-main/services/sample.ts', "import { app } from 'electron'\nexport const a = app", /may not import `electron`/],
  ['electron outside src-main/electron (host)', 'src-main/host/sample.ts', "export const e = require('electron')", /may not import `electron`/],
  ['electron in the renderer (dynamic import)', 'src-renderer/sample.ts', "export const e = import('electron')", /may not import `electron`/],
  ['electron in src-shared (type import)', 'src-shared/sample.ts', "import type { App } from 'electron'\nexport type A = App", /may not import `electron`/],
  ['electron in tests and scripts', 'scripts/sample.ts', "import 'electron'", /may not import `electron`/],
  ['node: builtin in src-shared', 'src-shared/sample.ts', "import { readFileSync } from 'node:fs'\nexport const r = readFileSync", /Node builtin/],
  ['bare Node builtin in src-shared', 'src-shared/sample.ts', "import crypto from 'crypto'\nexport const c = crypto", /Node builtin/],
  ['DOM window in src-shared', 'src-shared/sample.ts', 'export const w = window.location.href', /no DOM API/],
  ['DOM document in src-shared', 'src-shared/sample.ts', "export const d = document.createElement('div')", /no DOM API/],
  ['DOM localStorage in src-shared', 'src-shared/sample.ts', "export const s = localStorage.getItem('x')", /no DOM API/],
  ['DOM indexedDB in src-shared', 'src-shared/sample.ts', "export const i = indexedDB.open('x')", /no DOM API/],
  ['Node process in src-shared', 'src-shared/sample.ts', 'export const p = process.env', /no Node API/],
  ['src-shared importing src-main', 'src-shared/bridge/sample.ts', "export { createHandlers } from '../../src-main/services/handlers'", /src-shared may not import src-main\/services/],
  ['renderer importing src-main', 'src-renderer/features/sample.ts', "import { startBrowserHost } from '../../src-main/host/server'\nexport const s = startBrowserHost", /src-renderer may not import src-main\/host/],
  ['renderer importing src-gateway', 'src-renderer/sample.ts', "import x from '../src-gateway/main'\nexport const y = x", /src-renderer may not import src-gateway/],
  ['renderer importing a Node builtin', 'src-renderer/sample.tsx', "import fs from 'node:fs'\nexport const f = fs", /Node builtin/],
  ['gateway importing src-main', 'src-gateway/sample.ts', "import { createHandlers } from '../src-main/services/handlers'\nexport const h = createHandlers", /src-gateway may not import src-main\/services/],
  ['gateway importing the renderer', 'src-gateway/routes/sample.ts', "export * from '../../src-renderer/i18n/lang'", /src-gateway may not import src-renderer/],
  ['services importing the renderer', 'src-main/services/sample.ts', "import '../../src-renderer/main'", /may not import src-renderer/],
  ['a feature importing another feature', 'src-renderer/features/inbox/sample.ts', "import { IntakeScreen } from '../intake/ui/IntakeScreen'\nexport const a = IntakeScreen", /feature inbox may not import another feature \(intake\)/],
  ['a feature deep inside importing another feature', 'src-renderer/features/intake/ui/sample.tsx', "export { OutboxScreen } from '../../outbox/OutboxScreen'", /another feature \(outbox\)/],
  ['a platform folder importing a feature', 'src-renderer/sync/sample.ts', "import { noticeNotifier } from '../features/outbox/notifications'\nexport const n = noticeNotifier", /platform sync may not import a feature \(outbox\)/],
  ['ui/ importing a feature', 'src-renderer/ui/sample.tsx', "import type { InboxDeps } from '../features/inbox/deps'\nexport type D = InboxDeps", /platform ui may not import a feature \(inbox\)/],
  ['a platform folder importing app/', 'src-renderer/session/sample.ts', "import { useWorkstation } from '../app/context'\nexport const u = useWorkstation", /may not import app\/ \(the composition root\)/],
  ['ui/ importing app/ (dynamic import)', 'src-renderer/ui/sample.ts', "export const w = import('../app/workstation')", /may not import app\//],
  ['services importing the electron shell', 'src-main/services/app/sample.ts', "import { x } from '../../electron/security'\nexport const y = x", /may not import src-main\/electron/],
]

describe('ESLint layering rules fire on violating samples', () => {
  it.each(violations)('%s', async (_name, file, code, expected) => {
    const found = await problems(file, code)
    expect(found.length).toBeGreaterThan(0)
    expect(found.join('\n')).toMatch(expected)
  })
})

const allowed: [string, string, string][] = [
  ['electron in src-main/electron', 'src-main/electron/sample.ts', "import { app } from 'electron'\nexport const a = app"],
  ['src-shared and zod in src-shared', 'src-shared/bridge/sample.ts', "import { z } from 'zod'\nimport { ERRORS } from '../errors'\nexport const a = [z, ERRORS]"],
  ['src-shared from the renderer (relative and alias)', 'src-renderer/sample.ts', "import { ERRORS } from '../src-shared/errors'\nimport { CONTRACT } from '@shared/bridge/contract'\nexport const a = [ERRORS, CONTRACT]"],
  ['src-shared from the gateway', 'src-gateway/sample.ts', "import { ERRORS } from '../src-shared/errors'\nimport fs from 'node:fs'\nexport const a = [ERRORS, fs]"],
  ['services from the electron shell', 'src-main/electron/sample.ts', "import { createHandlers } from '../services/handlers'\nexport const a = createHandlers"],
  ['Node builtins in services', 'src-main/services/sample.ts', "import path from 'node:path'\nexport const a = path"],
  ['DOM in the renderer', 'src-renderer/sample.ts', 'export const w = window.location.href'],
  ['a feature importing its own folder, ui/, platform folders and src-shared', 'src-renderer/features/inbox/sample.ts', "import { useInboxDeps } from './deps'\nimport { ErrorNote } from '../../ui/ErrorNote'\nimport { Gateway } from '../../gateway/client'\nimport { useLang } from '../../i18n/lang'\nimport { catalog } from '@shared/catalog'\nexport const a = [useInboxDeps, ErrorNote, Gateway, useLang, catalog]"],
  ['a feature sub-folder importing its parent feature', 'src-renderer/features/inbox/supervision/sample.ts', "import { toRow } from '../model'\nexport const a = toRow"],
  ['platform folders importing one another and ui/', 'src-renderer/sync/sample.ts', "import { Gateway } from '../gateway/client'\nimport { useSession } from '../session/store'\nexport const a = [Gateway, useSession]"],
  ['app/ importing features and platform folders', 'src-renderer/app/sample.tsx', "import { InboxScreen } from '../features/inbox/InboxScreen'\nimport { IntakeScreen } from '../features/intake/ui/IntakeScreen'\nimport { Gateway } from '../gateway/client'\nexport const a = [InboxScreen, IntakeScreen, Gateway]"],
]

describe('ESLint layering rules leave allowed imports alone', () => {
  it.each(allowed)('%s', async (_name, file, code) => {
    expect(await problems(file, code)).toEqual([])
  })
})
