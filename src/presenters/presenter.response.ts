import { z } from 'zod';
import { idField, pageOf, zonedTime } from '../platform/http/openapi/response-fields';

export const materialResponse = z
  .object({
    id: idField,
    presentationId: idField,
    version: z.number().int().describe('Each upload is a new version, from 1.'),
    current: z.boolean().describe('The latest version.'),
    fileName: z.string(),
    type: z.string().describe('The kind the content was recognised as (pdf, pptx, png, …).'),
    contentType: z.string(),
    size: z.number().int().describe('Bytes.'),
    sha256: z.string(),
    uploadedBy: z.object({ kind: z.enum(['presenter', 'organiser']), name: z.string().nullable(), personId: idField.nullable() }),
    uploadedAt: zonedTime,
    public: z.boolean().describe('Anyone may download it once the event is over.'),
    madePublicAt: zonedTime.nullable(),
  })
  .describe('A version of a presentation material.');
export const materialPageResponse = pageOf(materialResponse);

export const publicMaterialPageResponse = pageOf(
  z.object({
    id: idField,
    presentationId: idField,
    version: z.number().int(),
    fileName: z.string(),
    type: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    downloadUrl: z.string(),
  }),
);

export const invitationState = {
  status: z.enum(['not_invited', 'invited', 'confirmed', 'declined']),
  firstInvitedAt: zonedTime.nullable(),
  lastInvitedAt: zonedTime.nullable(),
  invitationsSent: z.number().int(),
  respondedAt: zonedTime.nullable(),
  declineReason: z.string().nullable(),
  linksRevokedAt: zonedTime.nullable(),
};

const invitationResponse = z.object({
  personId: idField,
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(['lead', 'co']),
  ...invitationState,
});
export const invitationPageResponse = pageOf(invitationResponse);

export const inviteResponse = z.object({
  presentationId: idField,
  emailed: z.array(z.object({ personId: idField, name: z.string(), email: z.string(), linkExpiresAt: zonedTime })),
  skipped: z.array(z.object({ personId: idField, name: z.string(), reason: z.string(), detail: z.string() })),
  presenters: z.array(invitationResponse),
});

export const revokeResponse = z.object({
  personId: idField,
  revokedTokens: z.number().int().describe("The presenter's link tokens of this event that were revoked."),
});

export const portalPresentationResponse = z
  .looseObject({
    id: idField,
    title: z.string(),
    abstract: z.string(),
    status: z.string(),
    sections: z.record(z.string(), z.string().nullable()),
    myRole: z.enum(['lead', 'co']),
    myInvitation: z.object(invitationState),
    slot: z.looseObject({}).nullable().describe('Where and when it is presented in the published agenda.'),
    presenters: z.array(z.looseObject({ personId: idField, name: z.string(), isMe: z.boolean() })),
    materials: z.looseObject({ dueAt: zonedTime.nullable(), submitted: z.boolean(), late: z.boolean() }),
  })
  .describe('A presentation as its presenter sees it.');

export const myPresentationsResponse = pageOf(portalPresentationResponse).extend({
  event: z.looseObject({ id: idField, title: z.string(), timezone: z.string() }),
  me: z.object({
    personId: idField,
    name: z.string(),
    email: z.string().nullable(),
    biography: z.string().nullable().describe('Shown on the public speaker page and in schedule.json.'),
  }),
});

export const biographyResponse = z
  .object({ biography: z.string().nullable() })
  .describe("The presenter's biography as the public speaker page now shows it.");

export const materialsOverviewResponse = pageOf(
  z.looseObject({ id: idField, title: z.string(), presenters: z.array(z.looseObject({ personId: idField })) }),
)
  .extend({ materialsDueAt: zonedTime.nullable().optional() })
  .describe("The event's presentations; with `materials`, each with who submitted, when, the latest version and lateness.");
