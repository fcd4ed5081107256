/**
 * zod schemas for ИИН / БИН. The issue message is the error CODE (IIN_CHECKSUM …): the UI translates it with
 * errorText(code, lang), so the schema itself stays language-free.
 */
import { z } from 'zod'
import { parseBin, parseIin, parseIinOrBin, type IdentityOptions } from './index'

const EXACT12 = /^\d{12}$/

function identifierSchema(parse: (v: string, o: IdentityOptions) => { ok: boolean; code?: string }, formatCode: string, opts: IdentityOptions) {
  return z.string().superRefine((v, ctx) => {
    // On the wire (envelopes, API bodies) the value must be exactly 12 digits: no spaces a form might tolerate.
    if (!EXACT12.test(v) && !(opts.testTrust && parse(v, opts).ok)) {
      ctx.addIssue({ code: 'custom', message: formatCode })
      return
    }
    const r = parse(v, opts)
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.code ?? formatCode })
  })
}

/** A 12-digit ИИН passing structure and check-digit checks. `testTrust` also admits the NCA test values. */
export const iinSchema = (opts: IdentityOptions = {}) => identifierSchema(parseIin, 'IIN_FORMAT', opts)
/** A 12-digit БИН passing structure and check-digit checks. */
export const binSchema = (opts: IdentityOptions = {}) => identifierSchema(parseBin, 'BIN_FORMAT', opts)
/** Either an ИИН or a БИН (told apart by the 5th digit). */
export const iinOrBinSchema = (opts: IdentityOptions = {}) => identifierSchema(parseIinOrBin, 'IIN_OR_BIN_FORMAT', opts)

export const IinSchema = iinSchema()
export const BinSchema = binSchema()
