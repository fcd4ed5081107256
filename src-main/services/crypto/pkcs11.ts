/**
 * PKCS#11 keystore (Kaztoken, eToken, JaCarta, ID card; SoftHSM2 in tests) over pkcs11js.
 * Rules from experience: C_Initialize once per process and module (ALREADY_INITIALIZED is fine), never C_Finalize
 * while sessions may live, and one token operation at a time (a promise queue per keystore).
 * Unlocking = an open session logged in as USER; locking = logout + close. A token that disappears mid-session is
 * detected by re-reading the slot list after a failed call, so the user sees PKCS11_TOKEN_REMOVED, not a raw CKR_*.
 */
import { createHash } from 'node:crypto'
import * as pkcs11js from 'pkcs11js'
import { ArmError } from '../../../src-shared/errors'
import { decodeCertificate, ecdsaRawToDer, factsOf, toHex, type CertificateFacts, type CmsSigner, type SigningAlgorithm } from '../../../src-shared/crypto'

export type PinState = 'ok' | 'count-low' | 'final-try' | 'locked'

export interface TokenInfo {
  slot: string
  label: string
  serial: string
  manufacturer: string
  model: string
  pinState: PinState
}

export interface TokenKeyRef {
  tokenSerial: string
  /** CKA_ID, hex. */
  keyId: string
}

export interface TokenKey extends TokenKeyRef {
  tokenLabel: string
  label: string
  certificate: Uint8Array
  algorithm: SigningAlgorithm | 'unsupported'
  facts: CertificateFacts
}

const loaded = new Map<string, pkcs11js.PKCS11>()

/** One PKCS11 instance per module path and process. */
function loadModule(modulePath: string): pkcs11js.PKCS11 {
  let lib = loaded.get(modulePath)
  if (lib) return lib
  try {
    lib = new pkcs11js.PKCS11()
    lib.load(modulePath)
    try {
      lib.C_Initialize()
    } catch (err) {
      if ((err as { code?: number }).code !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw err
    }
  } catch (err) {
    throw new ArmError('PKCS11_MODULE_FAILED', err instanceof Error ? err.message : String(err), { module: modulePath })
  }
  loaded.set(modulePath, lib)
  return lib
}

function pinStateOf(flags: number): PinState {
  if (flags & pkcs11js.CKF_USER_PIN_LOCKED) return 'locked'
  if (flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) return 'final-try'
  if (flags & pkcs11js.CKF_USER_PIN_COUNT_LOW) return 'count-low'
  return 'ok'
}

const REMOVED_CODES = new Set([
  pkcs11js.CKR_DEVICE_REMOVED,
  pkcs11js.CKR_TOKEN_NOT_PRESENT,
  pkcs11js.CKR_SESSION_HANDLE_INVALID,
  pkcs11js.CKR_SESSION_CLOSED,
  pkcs11js.CKR_SLOT_ID_INVALID,
  pkcs11js.CKR_TOKEN_NOT_RECOGNIZED,
  pkcs11js.CKR_OBJECT_HANDLE_INVALID,
  pkcs11js.CKR_KEY_HANDLE_INVALID,
  pkcs11js.CKR_GENERAL_ERROR,
  pkcs11js.CKR_DEVICE_ERROR,
])

interface OpenSession {
  slot: Buffer
  session: Buffer
  serial: string
}

/**
 * PKCS#11 login state belongs to the application (process), not to a session or to our object: two keystores over
 * the same module must share sessions and the operation queue, or one would see the other's login.
 */
interface ModuleState {
  sessions: Map<string, OpenSession>
  queue: Promise<unknown>
}
const states = new Map<string, ModuleState>()

export class Pkcs11Keystore {
  private readonly lib: pkcs11js.PKCS11
  private readonly state: ModuleState

  constructor(readonly modulePath: string) {
    this.lib = loadModule(modulePath)
    let state = states.get(modulePath)
    if (!state) states.set(modulePath, (state = { sessions: new Map(), queue: Promise.resolve() }))
    this.state = state
  }

  private get sessions(): Map<string, OpenSession> {
    return this.state.sessions
  }

  /** Serialises every token operation on this module, process-wide. */
  private run<T>(op: () => T | Promise<T>): Promise<T> {
    const next = this.state.queue.then(op, op)
    this.state.queue = next.catch(() => undefined)
    return next
  }

  private slots(): Array<{ slot: Buffer; info: pkcs11js.TokenInfo }> {
    const out: Array<{ slot: Buffer; info: pkcs11js.TokenInfo }> = []
    for (const slot of this.lib.C_GetSlotList(true)) {
      try {
        const info = this.lib.C_GetTokenInfo(slot)
        // Empty readers and blank (uninitialised) tokens hold no keys: skip them.
        if (info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) out.push({ slot, info })
      } catch {
        // a slot whose token vanished between the two calls
      }
    }
    return out
  }

  private tokenPresent(serial: string): boolean {
    try {
      return this.slots().some((s) => s.info.serialNumber.trim() === serial)
    } catch {
      return false
    }
  }

  /** Maps a failed token call to a coded error; checks whether the token is still there. */
  private fail(err: unknown, serial: string | undefined): never {
    if (err instanceof ArmError) throw err
    const code = (err as { code?: number }).code
    const message = err instanceof Error ? err.message : String(err)
    if (code === pkcs11js.CKR_PIN_INCORRECT) {
      const slot = this.slots().find((s) => s.info.serialNumber.trim() === serial)
      const pinState = slot ? pinStateOf(slot.info.flags) : 'ok'
      throw new ArmError(pinState === 'locked' ? 'PKCS11_PIN_LOCKED' : 'PKCS11_PIN_INCORRECT', message, { pinState })
    }
    if (code === pkcs11js.CKR_PIN_LOCKED) throw new ArmError('PKCS11_PIN_LOCKED', message, { pinState: 'locked' })
    if (serial && (code === undefined || REMOVED_CODES.has(code)) && !this.tokenPresent(serial)) {
      this.sessions.delete(serial)
      throw new ArmError('PKCS11_TOKEN_REMOVED', message)
    }
    throw new ArmError('PKCS11_FAILED', message, { ckr: code })
  }

  listTokens(): Promise<TokenInfo[]> {
    return this.run(() =>
      this.slots().map(({ slot, info }) => ({
        slot: toHex(slot),
        label: info.label.trim(),
        serial: info.serialNumber.trim(),
        manufacturer: info.manufacturerID.trim(),
        model: info.model.trim(),
        pinState: pinStateOf(info.flags),
      })),
    )
  }

  private findObjects(session: Buffer, template: pkcs11js.Template): Buffer[] {
    this.lib.C_FindObjectsInit(session, template)
    try {
      const out: Buffer[] = []
      for (;;) {
        const batch = this.lib.C_FindObjects(session, 32)
        if (!batch.length) break
        out.push(...batch)
      }
      return out
    } finally {
      this.lib.C_FindObjectsFinal(session)
    }
  }

  /** Certificates on every token (public objects: no PIN needed), each with the CKA_ID of its key pair. */
  listKeys(): Promise<TokenKey[]> {
    return this.run(() => {
      const keys: TokenKey[] = []
      for (const { slot, info } of this.slots()) {
        const serial = info.serialNumber.trim()
        let session: Buffer | undefined
        try {
          session = this.lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION)
          for (const obj of this.findObjects(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }])) {
            const attrs = this.lib.C_GetAttributeValue(session, obj, [{ type: pkcs11js.CKA_ID }, { type: pkcs11js.CKA_LABEL }, { type: pkcs11js.CKA_VALUE }])
            const der = new Uint8Array(attrs[2].value as Buffer)
            let facts: CertificateFacts
            try {
              const { cert, der: clean } = decodeCertificate(der)
              facts = factsOf(cert, clean)
            } catch {
              continue // not an X.509 certificate we can read
            }
            keys.push({
              tokenSerial: serial,
              tokenLabel: info.label.trim(),
              keyId: toHex(attrs[0].value as Buffer),
              label: String(attrs[1].value ?? ''),
              certificate: der,
              algorithm: facts.keyAlgorithm === 'RSA' ? 'RSA-SHA256' : facts.keyAlgorithm === 'EC-P256' ? 'ECDSA-SHA256' : 'unsupported',
              facts,
            })
          }
        } catch (err) {
          this.fail(err, serial)
        } finally {
          if (session) this.safeClose(session)
        }
      }
      return keys
    })
  }

  private safeClose(session: Buffer): void {
    try {
      this.lib.C_CloseSession(session)
    } catch {
      // already gone with the token
    }
  }

  isUnlocked(tokenSerial: string): boolean {
    return this.sessions.has(tokenSerial)
  }

  /** Opens a session and logs in. The PIN is used once and not kept. */
  unlock(tokenSerial: string, pin: string): Promise<void> {
    return this.run(() => {
      if (this.sessions.has(tokenSerial)) return
      const slot = this.slots().find((s) => s.info.serialNumber.trim() === tokenSerial)
      if (!slot) throw new ArmError('PKCS11_TOKEN_NOT_FOUND', undefined, { tokenSerial })
      if (pinStateOf(slot.info.flags) === 'locked') throw new ArmError('PKCS11_PIN_LOCKED', undefined, { pinState: 'locked' })
      let session: Buffer | undefined
      try {
        session = this.lib.C_OpenSession(slot.slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION)
        try {
          this.lib.C_Login(session, pkcs11js.CKU_USER, pin)
        } catch (err) {
          if ((err as { code?: number }).code !== pkcs11js.CKR_USER_ALREADY_LOGGED_IN) throw err
          // Someone else in this process logged in: that proves nothing about THIS PIN. Log out and check it.
          this.lib.C_Logout(session)
          this.lib.C_Login(session, pkcs11js.CKU_USER, pin)
        }
        this.sessions.set(tokenSerial, { slot: slot.slot, session, serial: tokenSerial })
      } catch (err) {
        if (session) this.safeClose(session)
        this.fail(err, tokenSerial)
      }
    })
  }

  lock(tokenSerial: string): Promise<void> {
    return this.run(() => {
      const s = this.sessions.get(tokenSerial)
      if (!s) return
      this.sessions.delete(tokenSerial)
      try {
        this.lib.C_Logout(s.session)
      } catch {
        // token gone or already logged out
      }
      this.safeClose(s.session)
    })
  }

  /** Signs with the private key whose CKA_ID is keyId. RSA: CKM_SHA256_RSA_PKCS; EC: SHA-256 here + CKM_ECDSA. */
  sign(ref: TokenKeyRef, algorithm: SigningAlgorithm, data: Uint8Array): Promise<Uint8Array> {
    return this.run(() => {
      const s = this.sessions.get(ref.tokenSerial)
      if (!s) throw new ArmError('PKCS11_TOKEN_NOT_FOUND', 'token is not unlocked', { tokenSerial: ref.tokenSerial })
      try {
        const [key] = this.findObjects(s.session, [
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
          { type: pkcs11js.CKA_ID, value: Buffer.from(ref.keyId, 'hex') },
        ])
        if (!key) {
          // SoftHSM answers an empty search, not an error, once the token is gone.
          if (!this.tokenPresent(ref.tokenSerial)) {
            this.sessions.delete(ref.tokenSerial)
            throw new ArmError('PKCS11_TOKEN_REMOVED')
          }
          throw new ArmError('KEY_NOT_FOUND', undefined, { keyId: ref.keyId })
        }
        if (algorithm === 'RSA-SHA256') {
          this.lib.C_SignInit(s.session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key)
          return new Uint8Array(this.lib.C_Sign(s.session, Buffer.from(data), Buffer.alloc(1024)))
        }
        if (algorithm === 'ECDSA-SHA256') {
          this.lib.C_SignInit(s.session, { mechanism: pkcs11js.CKM_ECDSA }, key)
          const raw = this.lib.C_Sign(s.session, createHash('sha256').update(data).digest(), Buffer.alloc(256))
          return ecdsaRawToDer(new Uint8Array(raw))
        }
        throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', algorithm)
      } catch (err) {
        this.fail(err, ref.tokenSerial)
      }
    })
  }

  /** A CmsSigner for signCades; the token must be unlocked. */
  signer(key: TokenKey): CmsSigner {
    if (key.algorithm === 'unsupported') throw new ArmError('CRYPTO_UNSUPPORTED_ALGORITHM', key.facts.keyAlgorithm)
    const algorithm = key.algorithm
    return { certificate: key.certificate, algorithm, sign: (tbs) => this.sign(key, algorithm, tbs) }
  }

  /** Logs out of every token (idle forgetting, shutdown). The module stays initialised for the process. */
  async lockAll(): Promise<void> {
    for (const serial of [...this.sessions.keys()]) await this.lock(serial)
  }
}
