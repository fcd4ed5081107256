import { defineErrors } from './types'

/** Error codes of the catalog area. Owned by that area; add codes here, never in another area's file. */
export const catalogErrors = defineErrors({})
