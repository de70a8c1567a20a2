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

@ApiTags('reminders')
@Controller('events/:eventId/reminder-rules')
@UseGuards(EventAccessGuard)
export class ReminderRulesController {
  constructor(private readonly rules: ReminderRulesService) {}

  @Post()
  @ApiZodBody(createReminderRuleSchema)
  create(@Param('eventId') eventId: string, @ZodBody(createReminderRuleSchema) body: CreateReminderRuleInput) {
    return this.rules.create(eventId, body);
  }

  @Get()
  list(@Param('eventId') eventId: string) {
    return this.rules.list(eventId);
  }

  @Get(':ruleId')
  get(@Param('eventId') eventId: string, @Param('ruleId', new IdParam('reminder rule')) ruleId: string) {
    return this.rules.get(eventId, ruleId);
  }

  @Get(':ruleId/preview')
  preview(@Param('eventId') eventId: string, @Param('ruleId', new IdParam('reminder rule')) ruleId: string) {
    return this.rules.preview(eventId, ruleId);
  }

  @Patch(':ruleId')
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
