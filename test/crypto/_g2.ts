import { gostPublicKeyBytes, decodeCertificate, gostSign512, gostVerify512 } from '../../src-shared/crypto'
import { ncaKey } from './helpers'
const key = ncaKey('individual/valid/individual_valid.p12')
const pub = gostPublicKeyBytes(decodeCertificate(key.certificate).cert.subjectPublicKeyInfo)
const d = key.privateKey.kind === 'gost' ? key.privateKey.d : new Uint8Array()
let thrown = 0, bad = 0; const msgs: Record<string, number> = {}
const t = Date.now()
for (let i = 0; i < 300; i++) {
  const data = new Uint8Array([i & 255, i >> 8, 7])
  try { const s = gostSign512(d, data); if (!gostVerify512(pub, s, data)) bad++ } catch (e) { thrown++; msgs[String(e)] = (msgs[String(e)] ?? 0) + 1 }
}
console.log({ thrown, bad, msgs, ms: (Date.now() - t) / 300 })
