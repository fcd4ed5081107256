/**
 * The service catalogue as data (CATALOG.md §3–§7). Everything here is plain, serialisable data: the renderer imports
 * it directly, the gateway uses it to validate and route, `arm catalog --json` prints it.
 */
import type { Lang } from '../errors'

/** A text in the three UI languages. `kkProvisional` marks Kazakh we wrote where the sources have none (CATALOG G19). */
export interface Localized {
  kk: string
  ru: string
  en: string
}

export type ChannelKind = 'tson' | 'provider' | 'portal'

/** §2.2: A registry-automatic, B provider-manual via АРМ РШЭП, C accept-then-paper. */
export type Pattern = 'A' | 'B' | 'C'

export type RegistryId = 'GBD_FL' | 'GBD_UL' | 'ENIS' | 'IS_ZAGS' | 'GBD_RN' | 'AIS_GZK' | 'GUARDIANSHIP_REGISTER' | 'E_AKIMAT' | 'NUC' | 'ARCHIVE_IS'

export type ProviderKind = 'justice' | 'tson' | 'landCadastre' | 'akimatDepartment' | 'archive'
export type DepartmentKind = 'employment' | 'education' | 'housing' | 'registration' | 'civilRegistry' | 'landCadastre' | 'stateArchive'

export interface Provider {
  id: string
  kind: ProviderKind
  departmentKind: DepartmentKind
  name: Localized
}

/** When a field is shown / required. All listed parts must hold. */
export interface Condition {
  field: string
  equals?: string | boolean | number
  oneOf?: Array<string | boolean | number>
  notEquals?: string | boolean | number
  /** true: the field is empty/absent; false: it has a value. */
  empty?: boolean
}
export type When = Condition | { all: Condition[] } | { any: Condition[] }

export interface SelectOption {
  value: string
  label: Localized
}

/** Where a value comes from when the workstation can fill it in (CATALOG G5/G6). */
export interface Prefill {
  registry: 'GBD_FL' | 'GBD_UL' | 'directory'
  /** Field whose value is the lookup key (an iin/bin field). */
  by?: string
  /** Path in the registry answer, e.g. `fullName`, `birthDate`, `address`. */
  path: string
}

export type FieldKind =
  | 'iin'
  | 'bin'
  | 'text'
  | 'textarea'
  | 'address'
  | 'date'
  | 'year'
  | 'select'
  | 'number'
  | 'money'
  | 'cadastralNumber'
  | 'phone'
  | 'email'
  | 'postcode'
  | 'idDocumentNumber'
  | 'checkbox'
  | 'list'

interface FieldBase {
  id: string
  kind: FieldKind
  label: Localized
  hint?: Localized
  /** true, false, or required only when the condition holds. */
  required: boolean | When
  /** Shown only when the condition holds; a hidden field's value is dropped from the validated form. */
  visibleWhen?: When
  /** Shown only in these channels (e.g. the representative block is ЦОН-only, CATALOG CB2). */
  channels?: ChannelKind[]
  /** Filled from a registry answer; `readOnly` ones are shown but not typed. */
  prefill?: Prefill
  readOnly?: boolean
  /** Form section for layout: consumer, representative, service, processing. */
  section: 'consumer' | 'representative' | 'service'
}

export interface IdentifierField extends FieldBase {
  kind: 'iin' | 'bin'
  /** Age limits read from the ИИН's birth date at the application date (CATALOG G24). */
  age?: { minYears?: number; maxYearsExclusive?: number }
  /** Accept the NCA test identifiers (only for the operator's own identity, never for consumers). */
  testTrust?: boolean
}
export interface TextField extends FieldBase {
  kind: 'text' | 'textarea' | 'address'
  minLength?: number
  maxLength: number
  /** A regular expression (source text) the value must match; failing gives `patternCode`. */
  pattern?: string
  patternCode?: 'FIELD_FORMAT'
  defaultValue?: string
}
export interface DateField extends FieldBase {
  kind: 'date'
  notInFuture?: boolean
  notInPast?: boolean
  minDate?: string
  age?: { minYears?: number; maxYearsExclusive?: number }
}
export interface YearField extends FieldBase {
  kind: 'year'
  min: number
  /** Latest year allowed; `current` means the application year. */
  max: number | 'current'
}
export interface SelectField extends FieldBase {
  kind: 'select'
  options: SelectOption[]
  defaultValue?: string
}
export interface NumberField extends FieldBase {
  kind: 'number' | 'money'
  min: number
  max: number
  integer: boolean
  /** For money: KZT. */
  unit?: Localized
}
export interface SimpleField extends FieldBase {
  kind: 'cadastralNumber' | 'phone' | 'email' | 'postcode' | 'idDocumentNumber'
  /** cadastralNumber: also accept the building/premises suffix (CATALOG §6.4). */
  allowBuildingSuffix?: boolean
}
export interface CheckboxField extends FieldBase {
  kind: 'checkbox'
  /** The box must be ticked to submit (a declaration). */
  mustBeTrue?: boolean
}
export interface ListField extends FieldBase {
  kind: 'list'
  item: Exclude<FieldDef, ListField>[]
  minItems: number
  maxItems: number
}

export type FieldDef = IdentifierField | TextField | DateField | YearField | SelectField | NumberField | SimpleField | CheckboxField | ListField

/** A cross-field rule checked after the fields (e.g. period start ≤ end). */
export interface FormRule {
  kind: 'ordered'
  from: string
  to: string
  code: 'DATE_RANGE_ORDER'
}

export interface DocumentRequirement {
  id: string
  name: Localized
  /** Must a scan be attached? `conditional` uses `requiredWhen`. */
  scan: 'required' | 'optional' | 'none' | 'conditional'
  requiredWhen?: When
  /** The operator must see the paper original and tick «отметка о наличии документов в бумажной форме» (CB3). */
  paperOriginal: boolean
  /** Where the requirement comes from: the seed (literal) or an engineering default. */
  source: 'spec' | 'default'
}

export type TermUnit = 'minutes' | 'hours' | 'workingDays' | 'calendarDays' | 'months'
export interface Term {
  amount: number
  unit: TermUnit
}

export interface StepLimit {
  id: string
  name: Localized
  seconds: number
}

export interface ServiceTerms {
  /** The regulated time of the whole service (CATALOG §3.2, G1 defaults where n/s). */
  regulated: Term
  source: 'spec' | 'derived' | 'default'
  /** The provider may extend the term once (N1 / TERM_EXTENDED). */
  extendable: boolean
  /** Validity of the result, if stated (e.g. «Справка действительна в течение 1 (одного) месяца»). */
  resultValidity?: Term & { text: Localized }
  /** Per-step SLA hints for each channel (§2.6); logged, never enforced (G29). */
  steps: Partial<Record<ChannelKind, StepLimit[]>>
}

export type Fee = { kind: 'none' } | { kind: 'mrp'; multiplier: number; payWithinHours: number }

export type RefusalCode = 'M1' | 'M2' | 'M3' | 'M4' | 'M5' | 'M6' | 'M7' | 'OTHER'

export interface RefusalGround {
  code: RefusalCode
  /** REJECTED happens before registration (intake checks), REFUSED after it (decision). */
  stage: 'rejected' | 'refused'
  /** The message text (RU literal from CATALOG §2.7 / §4 where it exists). */
  text: Localized
}

export interface DocumentTemplate {
  id: string
  /** §5.1 header variant. */
  header: 'a' | 'b' | 'c'
  title: Localized
  /** Body lines in order; `{name}` are placeholders. RU lines are literal where CATALOG.md has them. */
  lines: Localized[]
  placeholders: string[]
  /** §5.3 barcode note source; none for templates without a barcode line. */
  barcode?: 'IS_ZAGS' | 'GBD_RN' | 'GBD_UL' | 'AIS_GZK' | 'E_AKIMAT'
  legalClause: boolean
  signer: Localized
  /** True where the source lost the body and the lines are the CATALOG DEFAULT field set (G20). */
  provisional?: boolean
}

export interface ServiceDefinition {
  id: string
  /** Source seed and service number, e.g. `000 S1`. */
  source: string
  name: Localized
  shortName: Localized
  /** True where the Kazakh name is ours (the seeds give none; G19). */
  kkProvisional: boolean
  provider: Provider
  registries: RegistryId[]
  pattern: Pattern
  automation: 'auto' | 'full' | 'part'
  interaction: Array<'T' | 'I' | 'Inf'>
  /** Channels where a flow exists; `representative`: the ЦОН channel takes a representative with a POA (CB2). */
  channels: { tson: boolean; provider: boolean; portal: boolean; representative: boolean }
  /** Consumers: natural persons, legal entities, or both. */
  applicantKinds: Array<'person' | 'entity'>
  fee: Fee
  terms: ServiceTerms
  documents: DocumentRequirement[]
  fields: FieldDef[]
  rules: FormRule[]
  lifeSituations: Localized[]
  /** Extra search words (kk, ru) beyond the names: colloquial and short forms. */
  keywords: { kk: string[]; ru: string[] }
  result: DocumentTemplate[]
  refusal: { grounds: RefusalGround[]; template: DocumentTemplate }
}

export type { Lang }
