/**
 * The simulated e-government payment gateway (the "bank" of CATALOG §2.1): it charges the state duty at the ЦОН
 * counter (POS) or on the consumer's phone, issues the receipt («чек») number, and tells the gateway the outcome by a
 * signed callback. Its own faults, set by the administrator: the next N charges declined (M9), the next N answers
 * lost after the charge went through (the callback still arrives, late), the next N callbacks delivered twice.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { canonicalJsonBytes } from '../../src-shared/envelope/canonical-json'
import { ArmError } from '../../src-shared/errors'
import type { PaymentBankFaults } from '../../src-shared/gateway/api'
import type { BankCallback, PaymentActor, SettleOutcome } from './payment-service'

export interface ChargeRequest {
  registrationNumber: string
  transactionId: string
  amountTiyn: number
  channel: 'pos' | 'phone'
}

/** The receipt number of an approved transaction: derived from it, so a retried charge gets the same «чек». */
export function receiptNumberOf(transactionId: string): string {
  const n = BigInt(`0x${createHash('sha256').update(`receipt:${transactionId}`).digest('hex').slice(0, 15)}`) % 10n ** 12n
  return n.toString().padStart(12, '0')
}

/** HMAC-SHA256 (hex) of the callback's canonical JSON with the shared callback secret. */
export function signCallback(secret: string, body: BankCallback): string {
  return createHmac('sha256', secret).update(canonicalJsonBytes(body)).digest('hex')
}

export function callbackSignatureValid(secret: string, body: BankCallback, signature: unknown): boolean {
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return false
  return timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(signCallback(secret, body), 'hex'))
}

export const NO_BANK_FAULTS: PaymentBankFaults = { declineNext: 0, timeoutNext: 0, duplicateCallbacksNext: 0, callbackDelayMs: 200 }

export class SimulatedBank {
  private faults: PaymentBankFaults = { ...NO_BANK_FAULTS }
  /** What the bank decided per transaction id (a retried charge is answered the same way, not charged again). */
  private readonly decided = new Map<string, BankCallback>()

  constructor(private readonly deliver: (cb: BankCallback, by?: PaymentActor) => Promise<SettleOutcome>) {}

  getFaults(): PaymentBankFaults {
    return { ...this.faults }
  }

  setFaults(patch: Partial<PaymentBankFaults>): PaymentBankFaults {
    this.faults = { ...this.faults, ...patch }
    return this.getFaults()
  }

  /** Charges once per transaction id and returns the gateway's answer to the callback (`by`: the POS operator). */
  async charge(req: ChargeRequest, by?: PaymentActor): Promise<SettleOutcome> {
    let cb = this.decided.get(req.transactionId)
    if (!cb) {
      const declined = this.faults.declineNext > 0
      if (declined) this.faults.declineNext--
      cb = declined
        ? { ...req, outcome: 'declined', declineReason: 'Недостаточно средств на счёте / Шотта қаражат жеткіліксіз / Insufficient funds' }
        : { ...req, outcome: 'approved', receiptNumber: receiptNumberOf(req.transactionId) }
      this.decided.set(req.transactionId, cb)
      if (this.faults.timeoutNext > 0) {
        this.faults.timeoutNext--
        // The charge went through but its answer is lost: the callback arrives later on its own.
        const late = cb
        setTimeout(() => void this.deliver(late, by).catch(() => undefined), this.faults.callbackDelayMs).unref?.()
        throw new ArmError('PAY_TIMEOUT', 'the bank did not answer in time', { transactionId: req.transactionId })
      }
    }
    if (this.faults.duplicateCallbacksNext > 0) {
      this.faults.duplicateCallbacksNext--
      // The same callback twice at once: the gateway must apply it once.
      const [a] = await Promise.all([this.deliver(cb, by), this.deliver(cb, by)])
      return a
    }
    return this.deliver(cb, by)
  }
}
