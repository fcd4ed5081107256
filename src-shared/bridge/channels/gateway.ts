/** Bridge channels of the gateway area (`gateway.<method>`). Owned by that area. */
export const gatewayChannels = {} as const
