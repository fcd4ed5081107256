/** Main-side handlers of the crypto bridge channels. Secrets are asked by main's SecretPrompt, never by the renderer. */
import { existsSync } from 'node:fs'
import type { Handlers } from '../../../src-shared/bridge/registry'
import { fromBase64, parseCertificate, toBase64, verifyCms, decodeCertificate } from '../../../src-shared/crypto'
import type { CryptoServices } from './setup'
import { checkModulePath, detectTokenModules } from './token-modules'
import { moduleNameOf } from './token-watch'

export interface CryptoDeps {
  readonly crypto: CryptoServices
}

type CryptoChannel =
  | 'crypto.listKeys'
  | 'crypto.sign'
  | 'crypto.signBatch'
  | 'crypto.verify'
  | 'crypto.certificateInfo'
  | 'crypto.pendingPrompt'
  | 'crypto.cancelPrompt'
  | 'crypto.lock'
  | 'crypto.tokenModules'
  | 'crypto.setTokenModules'
  | 'crypto.tokenEvents'

/** Injected for tests: where known drivers are looked for and how a custom path is checked. */
export interface TokenModuleProbe {
  platform?: NodeJS.Platform
  exists?: (path: string) => boolean
  check?: (path: string) => void
}

export function createCryptoHandlers(deps: CryptoDeps & { tokenProbe?: TokenModuleProbe }): Pick<Handlers, CryptoChannel> {
  const { keys, trust, testTrust, crls, tokens } = deps.crypto
  const probe = deps.tokenProbe ?? {}
  const exists = probe.exists ?? existsSync
  const tokenModules = async () => {
    await tokens.watcher.refresh()
    return {
      known: detectTokenModules(probe.platform, exists),
      configured: keys.tokenModules().map((path) => ({ path, name: moduleNameOf(path), present: exists(path) })),
      tokens: tokens.watcher.tokens(),
    }
  }
  return {
    'crypto.tokenModules': () => tokenModules(),
    'crypto.setTokenModules': async (req) => {
      const modules = [...new Set(req.modules)]
      // Every path is checked before anything changes: one refused path keeps the desk's old list.
      for (const m of modules) (probe.check ?? ((p: string) => checkModulePath(p, probe.platform)))(m)
      tokens.settings.write(modules)
      await keys.setTokenModules(modules)
      return tokenModules()
    },
    'crypto.tokenEvents': (req) => tokens.watcher.eventsAfter(req.after, req.waitMs),
    'crypto.listKeys': async () => ({ keys: await keys.listKeys() }),
    'crypto.sign': async (req) => {
      const r = await keys.sign({ keyRef: req.keyRef, content: fromBase64(req.content), detached: req.detached, purpose: req.purpose, expectedIin: req.expectedIin })
      return { cms: toBase64(r.cms), signer: r.signer, check: r.check }
    },
    'crypto.signBatch': async (req) => {
      const r = await keys.signBatch({ keyRef: req.keyRef, contents: req.contents.map(fromBase64), detached: req.detached, purpose: req.purpose, expectedIin: req.expectedIin })
      return { items: r.items.map((i) => ('cms' in i ? { cms: toBase64(i.cms) } : { error: { code: i.error.code, message: i.error.message } })), signer: r.signer, check: r.check }
    },
    'crypto.verify': async (req) => {
      const report = await verifyCms({
        cms: fromBase64(req.cms),
        content: req.content === undefined ? undefined : fromBase64(req.content),
        trust,
        crls: await crls(),
        testTrust,
        expectedIin: req.expectedIin,
      })
      return { ...report, content: report.content ? toBase64(report.content) : undefined }
    },
    'crypto.certificateInfo': async (req) => {
      if ('keyRef' in req) return keys.certificateInfo(req.keyRef)
      const der = fromBase64(req.certificate)
      const facts = parseCertificate(der)
      const check = await keys.checkCertificate(decodeCertificate(der).der, [], {})
      return { facts, check }
    },
    'crypto.pendingPrompt': () => ({ prompt: deps.crypto.pendingPrompt?.() ?? null }),
    'crypto.cancelPrompt': (req) => ({ cancelled: deps.crypto.cancelPrompt?.(req.id) ?? false }),
    'crypto.lock': async () => ({ locked: await keys.lockAll() }),
  }
}
