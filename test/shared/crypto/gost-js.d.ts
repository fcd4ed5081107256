// Minimal types for the parts of @wavesenterprise/crypto-gost-js we use (the package ships none).
declare module '@wavesenterprise/crypto-gost-js' {
  interface GostSignAlgorithm {
    name: string
    version: number
    length: number
    namedCurve?: string
    procreator?: string
    ukm?: ArrayBuffer
    hash?: { name: string; version: number; length: number }
  }
  interface GostSignInstance {
    sign(privateKey: ArrayBuffer | Uint8Array, data: ArrayBuffer | Uint8Array): ArrayBuffer
    verify(publicKey: ArrayBuffer | Uint8Array, signature: ArrayBuffer | Uint8Array, data: ArrayBuffer | Uint8Array): boolean
    generateKey(): { privateKey: ArrayBuffer; publicKey: ArrayBuffer }
  }
  interface GostDigestInstance {
    digest(data: ArrayBuffer | Uint8Array): ArrayBuffer
  }
  interface GostEngineApi {
    getGostSign(algorithm: GostSignAlgorithm): GostSignInstance
    getGostDigest(algorithm: { name: string; version: number; length: number }): GostDigestInstance
  }
  export const GostEngine: GostEngineApi
  const lib: { GostEngine: GostEngineApi }
  export default lib
}
