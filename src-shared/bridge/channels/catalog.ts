/** Bridge channels of the catalog area (`catalog.<method>`). Owned by that area. */
export const catalogChannels = {} as const
