import { Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import {
  CreateReminderRuleInput,
  UpdateReminderRuleInput,
  createReminderRuleSchema,
  updateReminderRuleSchema,
} from './dto/reminder-rule.dto';
import { ReminderRulesService } from './reminder-rules.service';
import { ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { reminderPreviewResponse, reminderRulePageResponse, reminderRuleResponse } from './reminder.response';

@ApiTags('reminders')
@Controller('events/:eventId/reminder-rules')
@UseGuards(EventAccessGuard)
export class ReminderRulesController {
  constructor(private readonly rules: ReminderRulesService) {}

  @Post()
  @ApiZodResponse(reminderRuleResponse, 'The new rule and its occurrences.')
  @ApiZodBody(createReminderRuleSchema)
  create(@Param('eventId') eventId: string, @ZodBody(createReminderRuleSchema) body: CreateReminderRuleInput) {
    return this.rules.create(eventId, body);
  }

  @Get()
  @ApiZodResponse(reminderRulePageResponse, "The event's reminder rules.")
  list(@Param('eventId') eventId: string) {
    return this.rules.list(eventId);
  }

  @Get(':ruleId')
  @ApiZodResponse(reminderRuleResponse, 'The rule.')
  get(@Param('eventId') eventId: string, @Param('ruleId', new IdParam('reminder rule')) ruleId: string) {
    return this.rules.get(eventId, ruleId);
  }

  @Get(':ruleId/preview')
  @ApiZodResponse(reminderPreviewResponse, "The rule's next send as it would go out now.")
  preview(@Param('eventId') eventId: string, @Param('ruleId', new IdParam('reminder rule')) ruleId: string) {
    return this.rules.preview(eventId, ruleId);
  }

  @Patch(':ruleId')
  @ApiZodResponse(reminderRuleResponse, 'The changed rule.')
  @ApiZodBody(updateReminderRuleSchema)
  update(
    @Param('eventId') eventId: string,
    @Param('ruleId', new IdParam('reminder rule')) ruleId: string,
    @ZodBody(updateReminderRuleSchema) body: UpdateReminderRuleInput,
  ) {
    return this.rules.update(eventId, ruleId, body);
  }

  @Delete(':ruleId')
  @HttpCode(204)
  remove(@Param('eventId') eventId: string, @Param('ruleId', new IdParam('reminder rule')) ruleId: string) {
    return this.rules.remove(eventId, ruleId);
  }
}
