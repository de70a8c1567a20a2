import { z } from 'zod';
import { requestLinkSchema } from '../../auth/dto/request-link.dto';

/** A presenter names only their address: they may be invited before the event has a public page. */
export const requestPresenterLinkSchema = requestLinkSchema.pick({ email: true });
export type RequestPresenterLinkInput = z.infer<typeof requestPresenterLinkSchema>;
