/** Bridge channels of the crypto area (`crypto.<method>`). Owned by that area. */
export const cryptoChannels = {} as const
