import { z } from 'zod'
import { isCanonicalBase64 } from '../../bytes'
import { defineChannel } from '../define'

/**
 * Bridge channels of the crypto area (`crypto.<method>`). Owned by that area.
 * The renderer never sends or receives a password, PIN or key bytes: main asks for the secret in its own prompt
 * (Electron modal window / browser-host secret page) and answers with signatures, certificate facts and coded errors.
 * Binary values travel as base64 strings.
 */

/** Canonical padded base64 only (src-shared/bytes): what is signed or verified has one spelling. */
const Base64 = z.string().refine(isCanonicalBase64, 'base64')

export const DistinguishedNameSchema = z.object({
  text: z.string(),
  commonName: z.string().optional(),
  attributes: z.array(z.object({ type: z.string(), oid: z.string(), value: z.string() })),
})

export const CertificateFactsSchema = z.object({
  fullName: z.string(),
  commonName: z.string().optional(),
  surname: z.string().optional(),
  givenName: z.string().optional(),
  iin: z.string().optional(),
  iinValid: z.boolean().optional(),
  bin: z.string().optional(),
  binValid: z.boolean().optional(),
  organization: z.string().optional(),
  email: z.string().optional(),
  subject: DistinguishedNameSchema,
  issuer: DistinguishedNameSchema,
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyAlgorithm: z.enum(['RSA', 'EC-P256', 'GOST-2015-512', 'GOST-2004', 'UNKNOWN']),
  signatureAlgorithm: z.string(),
  keyUsage: z.array(z.string()),
  extendedKeyUsage: z.array(z.string()),
  policies: z.array(z.string()),
  ncaRoles: z.array(z.string()),
  purposes: z.array(z.enum(['AUTH', 'SIGN'])),
  isCa: z.boolean(),
  subjectKeyId: z.string().optional(),
  authorityKeyId: z.string().optional(),
  ocspUrls: z.array(z.string()),
  crlUrls: z.array(z.string()),
  caIssuerUrls: z.array(z.string()),
  fingerprintSha256: z.string(),
})
export type CertificateFactsWire = z.infer<typeof CertificateFactsSchema>

export const CertificateCheckSchema = z.object({
  ok: z.boolean(),
  errorCode: z.string().optional(),
  subIndication: z.string().optional(),
  validity: z.enum(['valid', 'expired', 'not-yet-valid']),
  chain: z.object({ status: z.string(), anchor: z.enum(['production', 'test']).optional(), path: z.array(z.string()) }),
  revocation: z.object({ status: z.string(), source: z.string().optional(), revokedAt: z.string().optional(), reason: z.number().optional(), detail: z.string().optional() }),
  purposeOk: z.boolean().optional(),
  iinMatches: z.boolean().optional(),
  testTrust: z.boolean(),
})

export const KeySummarySchema = z.object({
  /** Opaque reference to pass back to crypto.sign / crypto.certificateInfo. */
  keyRef: z.string(),
  source: z.enum(['pkcs12', 'pkcs11', 'ncalayer']),
  /** File name or token label + key label. */
  label: z.string(),
  /** Whether main holds the key unlocked right now (forgotten after the idle time). */
  unlocked: z.boolean(),
  /** Known once unlocked (.p12 files encrypt their certificates) or always for tokens. */
  facts: CertificateFactsSchema.optional(),
})

const PresentTokenSchema = z.object({ module: z.string(), moduleName: z.string(), label: z.string(), serial: z.string(), pinState: z.enum(['ok', 'count-low', 'final-try', 'locked']) })

const TokenModulesSchema = z.object({
  known: z.array(z.object({ id: z.enum(['kaztoken', 'etoken', 'jacarta', 'softhsm2']), name: z.string(), found: z.string().nullable(), usualPaths: z.array(z.string()) })),
  configured: z.array(z.object({ path: z.string(), name: z.string(), present: z.boolean() })),
  tokens: z.array(PresentTokenSchema),
})

const TokenEventSchema = z.object({
  seq: z.number().int(),
  kind: z.enum(['inserted', 'removed']),
  at: z.string(),
  module: z.string(),
  moduleName: z.string(),
  label: z.string(),
  serial: z.string(),
})

const Indication = z.enum(['PASSED', 'FAILED', 'INDETERMINATE'])

export const SignatureReportSchema = z.object({
  index: z.number(),
  indication: Indication,
  subIndication: z.string().optional(),
  errorCode: z.string().optional(),
  signer: CertificateFactsSchema.optional(),
  signingTime: z.string().optional(),
  /** CAdES-T: the checked signature-time-stamp (RFC 3161 token), when the signature carries one. */
  timestamp: z
    .object({
      status: z.enum(['valid', 'invalid']),
      errorCode: z.enum(['TSA_TOKEN_INVALID', 'TSA_IMPRINT_MISMATCH', 'TSA_UNTRUSTED']).optional(),
      time: z.string().optional(),
      authority: z.string().optional(),
      serialNumber: z.string().optional(),
      policy: z.string().optional(),
    })
    .optional(),
  digestAlgorithm: z.string(),
  signatureAlgorithm: z.string(),
  checks: z.object({
    signatureValue: z.boolean().nullable(),
    messageDigest: z.boolean().nullable(),
    contentType: z.boolean().nullable(),
    signingCertificate: z.enum(['v2', 'v1', 'absent', 'mismatch']),
    certificate: CertificateCheckSchema.optional(),
  }),
  testTrust: z.boolean(),
})

export const cryptoChannels = {
  'crypto.listKeys': defineChannel({
    summary: 'Keys main can sign with: .p12 files in the configured key folders and key/certificate pairs on PKCS#11 tokens.',
    request: z.object({}).strict(),
    response: z.object({ keys: z.array(KeySummarySchema) }),
    errors: ['PKCS11_MODULE_FAILED', 'FILE_UNREADABLE'],
  }),
  'crypto.sign': defineChannel({
    asksSecret: true,
    summary:
      'CAdES-BES over the given bytes with the chosen key, after the certificate checks (validity, purpose, chain, revocation, ИИН of the signed-in user). Every signature is confirmed by the person in main\'s own prompt, which shows what main derived from the bytes (service, consumer, SHA-256); the password/PIN of a locked key is asked in the same prompt. Cancelled: SECRET_PROMPT_CANCELLED, nothing signed.',
    request: z
      .object({
        keyRef: z.string().min(1),
        content: Base64,
        detached: z.boolean().default(true),
        purpose: z.enum(['AUTH', 'SIGN']).default('SIGN'),
        /** ИИН of the signed-in user; the certificate must carry it. */
        expectedIin: z.string().regex(/^\d{12}$/).optional(),
      })
      .strict(),
    response: z.object({ cms: Base64, signer: CertificateFactsSchema, check: CertificateCheckSchema }),
    errors: [
      'KEY_NOT_FOUND',
      'P12_BAD_PASSWORD',
      'P12_CORRUPT',
      'P12_NO_KEY',
      'P12_UNSUPPORTED_ENCRYPTION',
      'SECRET_PROMPT_CANCELLED',
      'SECRET_PROMPT_UNAVAILABLE',
      'PKCS11_PIN_INCORRECT',
      'PKCS11_PIN_LOCKED',
      'PKCS11_TOKEN_REMOVED',
      'PKCS11_TOKEN_NOT_FOUND',
      'CERT_EXPIRED',
      'CERT_NOT_YET_VALID',
      'CERT_REVOKED',
      'CERT_REVOCATION_UNKNOWN',
      'CERT_UNTRUSTED',
      'CERT_WRONG_PURPOSE',
      'CERT_IIN_MISMATCH',
      'CERT_IIN_CHECKSUM',
      'CRYPTO_UNSUPPORTED_ALGORITHM',
      'SIGN_FAILED',
      'NCALAYER_NOT_RUNNING',
      'NCALAYER_CANCELLED',
      'NCALAYER_BAD_RESPONSE',
    ],
  }),
  'crypto.signBatch': defineChannel({
    asksSecret: true,
    summary:
      'CAdES-BES over each of several reviewed documents with one key, confirmed ONCE in main\'s prompt that lists every document (what main derived from the bytes: service, consumer, number, SHA-256). A cancel, a wrong PIN or a refused certificate signs none; after the confirmation each document is signed on its own, and one that fails is its own item\'s error.',
    request: z
      .object({
        keyRef: z.string().min(1),
        contents: z.array(Base64).min(1).max(100),
        detached: z.boolean().default(true),
        purpose: z.enum(['AUTH', 'SIGN']).default('SIGN'),
        expectedIin: z.string().regex(/^\d{12}$/).optional(),
      })
      .strict(),
    /** One item per document, in order: its CMS, or (after the confirmation) the coded reason it alone was not signed. */
    response: z.object({
      items: z.array(z.union([z.object({ cms: Base64 }), z.object({ error: z.object({ code: z.string(), message: z.string() }) })])),
      signer: CertificateFactsSchema,
      check: CertificateCheckSchema,
    }),
    errors: ['KEY_NOT_FOUND', 'P12_BAD_PASSWORD', 'SECRET_PROMPT_CANCELLED', 'SECRET_PROMPT_UNAVAILABLE', 'PKCS11_PIN_INCORRECT', 'PKCS11_PIN_LOCKED', 'CERT_EXPIRED', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_WRONG_PURPOSE', 'CERT_IIN_MISMATCH', 'SIGN_FAILED'],
  }),
  'crypto.verify': defineChannel({
    summary: 'Verifies a CMS signature (attached, or detached with its content) and reports each signature: PASSED / FAILED / INDETERMINATE.',
    request: z.object({ cms: Base64, content: Base64.optional(), expectedIin: z.string().regex(/^\d{12}$/).optional() }).strict(),
    response: z.object({
      indication: Indication,
      subIndication: z.string().optional(),
      errorCode: z.string().optional(),
      detached: z.boolean(),
      eContentType: z.string(),
      content: Base64.optional(),
      signatures: z.array(SignatureReportSchema),
      testTrust: z.boolean(),
    }),
    errors: ['CMS_CORRUPT', 'CMS_CONTENT_MISSING', 'CRL_CORRUPT'],
  }),
  'crypto.certificateInfo': defineChannel({
    asksSecret: true,
    summary: 'Certificate facts (ФИО, ИИН, БИН, organisation, roles, AUTH/SIGN) of a key or of a given certificate, with the certificate checks.',
    request: z.union([z.object({ keyRef: z.string().min(1) }).strict(), z.object({ certificate: Base64 }).strict()]),
    response: z.object({ facts: CertificateFactsSchema, check: CertificateCheckSchema }),
    errors: ['KEY_NOT_FOUND', 'CERT_CORRUPT', 'SECRET_PROMPT_CANCELLED', 'P12_BAD_PASSWORD'],
  }),
  'crypto.pendingPrompt': defineChannel({
    summary:
      'The password/PIN prompt main is waiting on, if any. In the browser workstation the renderer frames `url` (a page on a separate loopback origin that posts the secret straight to main); in Electron main shows its own modal window and this is always null.',
    request: z.object({}).strict(),
    response: z.object({
      prompt: z
        .object({
          id: z.string(),
          url: z.string(),
          /** sign-confirm: an unlocked key, the person only confirms what is signed (the framed page shows it). */
          kind: z.enum(['p12-password', 'token-pin', 'sign-confirm']),
          keyLabel: z.string(),
          holder: z.string().optional(),
          attempt: z.number(),
          previousError: z.string().optional(),
          pinState: z.string().optional(),
        })
        .nullable(),
    }),
    errors: [],
  }),
  'crypto.cancelPrompt': defineChannel({
    summary:
      'Cancels the waiting password/PIN prompt (the overlay\'s Cancel or Escape in the browser workstation); the pending sign call then ends with SECRET_PROMPT_CANCELLED. No-op when that prompt is gone.',
    request: z.object({ id: z.string().min(1).max(64) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
    errors: [],
  }),
  'crypto.tokenModules': defineChannel({
    summary:
      'The token drivers (PKCS#11 modules): the known Kazakh ones by name with where each is installed on this desk (found: null when it is not), the modules this desk loads, and the tokens present now.',
    request: z.object({}).strict(),
    response: TokenModulesSchema,
    errors: ['PKCS11_MODULE_FAILED'],
  }),
  'crypto.setTokenModules': defineChannel({
    summary:
      'Sets the modules this desk loads (known ones by their found path, or a custom path). Main checks each path (absolute, a library file that exists, loads as PKCS#11) before keeping the list; a refused path keeps the old list.',
    request: z.object({ modules: z.array(z.string().min(1).max(512)).max(8) }).strict(),
    response: TokenModulesSchema,
    errors: ['PKCS11_MODULE_PATH_INVALID', 'PKCS11_MODULE_MISSING', 'PKCS11_MODULE_FAILED'],
  }),
  'crypto.tokenEvents': defineChannel({
    summary:
      'Token insertions and removals main noticed (it reads each module\'s slot list every 1.5 s), after event number `after`. Waits up to waitMs for one when there is none yet (a long poll: the bridge has no push).',
    request: z.object({ after: z.number().int().min(0), waitMs: z.number().int().min(0).max(20_000).default(0) }).strict(),
    response: z.object({ events: z.array(TokenEventSchema), last: z.number().int().min(0) }),
    errors: [],
  }),
  'crypto.lock': defineChannel({
    summary: 'Forgets every unlocked key now (also happens by itself after the idle time).',
    request: z.object({}).strict(),
    response: z.object({ locked: z.number() }),
    errors: [],
  }),
} as const
