export { ArmDb, DEFAULT_DB_NAME } from './ArmDb'
export { SCHEMA_VERSIONS, LATEST_VERSION, declareVersions } from './versions'
export type * from './types'
