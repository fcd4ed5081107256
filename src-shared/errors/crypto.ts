import { defineErrors } from './types'

/** Error codes of the crypto area. Owned by that area; add codes here, never in another area's file. */
export const cryptoErrors = defineErrors({})
