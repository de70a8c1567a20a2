import { formatInZone } from '../platform/time/zoned-time';
import { PresenterInvitation } from './presenter-invitation.entity';

/** A presenter's answer so far; `not_invited` before the first invitation. */
export function invitationView(row: PresenterInvitation | undefined, timezone: string) {
  const at = (value: Date | null | undefined) => (value ? formatInZone(value, timezone) : null);
  return {
    status: row?.status ?? ('not_invited' as const),
    firstInvitedAt: at(row?.firstInvitedAt),
    lastInvitedAt: at(row?.lastInvitedAt),
    invitationsSent: row?.invitationsSent ?? 0,
    respondedAt: at(row?.respondedAt),
    declineReason: row?.declineReason ?? null,
    linksRevokedAt: at(row?.linksRevokedAt),
  };
}

export type InvitationView = ReturnType<typeof invitationView>;
