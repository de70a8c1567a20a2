import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { EventAccessGuard, OwnersOnly } from '../events/event-access.guard';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { pageQuerySchema } from '../platform/http/pagination';
import { ZodQuery } from '../platform/http/zod-body.decorator';
import { AUDIT_ACTIONS } from './audit-actions';
import { auditPageResponse } from './audit.response';
import { AuditService } from './audit.service';

export const auditQuerySchema = pageQuerySchema.extend({
  action: z.enum(AUDIT_ACTIONS).optional().describe('Only entries of this action.'),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** `/events/:eventId/audit`: who did what, for the event's owners only. */
@ApiTags('events')
@Controller('events/:eventId/audit')
@UseGuards(EventAccessGuard)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @OwnersOnly()
  @ApiZodResponse(auditPageResponse, 'A page of the audit log, newest first.')
  list(@Param('eventId') eventId: string, @ZodQuery(auditQuerySchema) query: AuditQuery) {
    return this.audit.page(eventId, query);
  }
}
