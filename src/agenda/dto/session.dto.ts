import { z } from 'zod';
import { eventTime } from '../../events/dto/event-fields';
import { SESSION_KINDS } from '../session.entity';

const id = z.uuid({ message: 'expected an id' });

export const sessionFields = {
  title: z.string().trim().min(1, 'required').max(300, 'at most 300 characters'),
  kind: z.enum(SESSION_KINDS, { message: `expected one of ${SESSION_KINDS.join(', ')}` }),
  description: z.string().max(20_000, 'at most 20000 characters'),
  startsAt: eventTime,
  endsAt: eventTime,
  roomId: id.nullable(),
  themeId: id.nullable(),
  capacity: z.number().int('expected a whole number').min(1, 'expected at least 1').max(1_000_000).nullable(),
  hostOrganisation: z.string().trim().max(300).nullable(),
  chairs: z
    .array(z.strictObject({ personId: id, role: z.enum(['chair', 'moderator']).default('chair') }))
    .max(50)
    .refine((list) => new Set(list.map((c) => c.personId)).size === list.length, 'a person is listed twice')
    .describe('People of the event chairing or moderating the session; each person at most once.'),
};

export const createSessionSchema = z.strictObject({
  title: sessionFields.title,
  kind: sessionFields.kind,
  description: sessionFields.description.default(''),
  startsAt: sessionFields.startsAt,
  endsAt: sessionFields.endsAt,
  roomId: sessionFields.roomId.optional(),
  themeId: sessionFields.themeId.optional(),
  capacity: sessionFields.capacity.optional(),
  hostOrganisation: sessionFields.hostOrganisation.optional(),
  chairs: sessionFields.chairs.default([]),
});
export type CreateSessionInput = z.infer<typeof createSessionSchema>;

export const updateSessionSchema = z.strictObject(sessionFields).partial();
export type UpdateSessionInput = z.infer<typeof updateSessionSchema>;
