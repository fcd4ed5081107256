/** Bridge channels of the outbox area (`outbox.<method>`). Owned by that area. */
export const outboxChannels = {} as const
