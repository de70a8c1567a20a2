import { MagicLinkSubjectType } from './magic-link-token.entity';

export interface OrganiserPrincipal {
  kind: 'organiser';
  organiserId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  sessionId: string;
}

export interface MagicLinkPrincipal {
  kind: 'magic-link';
  tokenId: string;
  subjectType: MagicLinkSubjectType;
  subjectId: string;
  eventId: string | null;
}

export type Principal = OrganiserPrincipal | MagicLinkPrincipal;

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
