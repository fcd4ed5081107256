/**
 * Verifying printed results (issue 17): the signed barcode (barcode.ts, base45.ts), the offline + online report
 * (verify.ts) and the holder mask the public answer uses. Pure TypeScript: workstation, CLI and gateway.
 */
export { BARCODE_PREFIX, encodeSignedBarcode, isSignedBarcodePart, parseSignedBarcode, type SignedBarcode } from './barcode'
export { base45Decode, base45Encode } from './base45'
export { maskHolderName } from './mask'
export { isPdf, readDocumentCard, type DocumentCard } from './card'
export { printedHash, trustedCheck, verifyBarcode, verifyCard, verifySigned, verifyTyped, type CmsCheck, type DocumentVerification, type SignatureEvidence, type Verdict, type VerifyOptions, type VerifyWarning } from './verify'
