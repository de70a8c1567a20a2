import { SetMetadata } from '@nestjs/common';

/** The metadata key the authentication guard reads a route's access from. */
export const ACCESS = 'plenary:access';

/**
 * Anyone may call it; a valid token still identifies the caller. In platform
 * so that infrastructure routes (health, metrics, mail webhooks) can say so
 * without importing the auth module.
 */
export const Public = () => SetMetadata(ACCESS, { kind: 'public' });
