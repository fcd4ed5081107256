/** Result / refusal / acceptance / receipt documents: the one signed schema, the templates as data, samples, checks. */
export * from './schema'
export { fieldSpec, SYSTEM_FIELDS, type ResultField, type ValueSource } from './fields'
export { defaultTemplate, findTemplate, formFields, serviceTemplates, type ResultTemplate } from './templates'
export { sampleDocument, sampleValues, SAMPLE_APPLICANT, SAMPLE_REFUSAL_TEXT, SAMPLE_REFUSAL_TEXT_KK } from './samples'
export { checkDecision, checkValues, decisionBytes, isDecisionDocument, parseDecisionBytes, type ValueIssue } from './validate'
export { fromLegacy, readSignedDocument } from './legacy'
export { groundReason } from './refusals'
export { applicantName, prefillValues, type PrefillInput, type RegistryAnswers } from './prefill'
