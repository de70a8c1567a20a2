import { Injectable, OnModuleInit } from '@nestjs/common';
import { MagicLinkService } from '../auth/magic-link.service';
import { EventsService } from '../events/events.service';
import { parseEventTimes } from '../events/event-times';
import { DomainEventBus } from '../platform/domain-events/domain-event-bus';
import { Problem } from '../platform/http/problem';
import { renderMail } from '../platform/mail/mail-template';
import { formatInZone } from '../platform/time/zoned-time';
import { CreateReminderRuleInput, UpdateReminderRuleInput } from './dto/reminder-rule.dto';
import { mailLanguage } from '../platform/mail/mail-language';
import { reminderTemplate } from './mail/reminder.template';
import { Recipient, ReminderAudienceService } from './reminder-audience.service';
import { ReminderMessagesService } from './reminder-messages.service';
import { ReminderAudience, ReminderRule } from './reminder-rule.entity';
import { SURVEY_LINK_PATH, SurveysService } from '../surveys/surveys.service';
import { ReminderSchedulerService } from './reminder-scheduler.service';
import { RemindersRepository } from './reminders.repository';
import '../events/event-domain-events';

const DAY = 24 * 60;

/** What a new event gets unless created with `defaultReminders: false`. */
const DEFAULT_RULES: Array<Omit<CreateReminderRuleInput, 'enabled'>> = [
  { name: 'One week before', anchor: 'event_start', offsetMinutes: -7 * DAY, audience: 'confirmed' },
  { name: 'The day before', anchor: 'event_start', offsetMinutes: -DAY, audience: 'confirmed' },
  { name: 'Materials due in three days', anchor: 'materials_due', offsetMinutes: -3 * DAY, audience: 'presenters_missing_materials' },
  { name: 'Your session starts soon', anchor: 'session_start', offsetMinutes: -30, audience: 'session_signups' },
];

@Injectable()
export class ReminderRulesService implements OnModuleInit {
  constructor(
    private readonly repository: RemindersRepository,
    private readonly events: EventsService,
    private readonly scheduler: ReminderSchedulerService,
    private readonly bus: DomainEventBus,
    private readonly audience: ReminderAudienceService,
    private readonly magicLinks: MagicLinkService,
    private readonly messages: ReminderMessagesService,
    private readonly surveys: SurveysService,
  ) {}

  onModuleInit(): void {
    this.bus.on('event.created', async ({ eventId, defaultReminders }) => {
      if (!defaultReminders) return;
      await this.repository.insertRules(DEFAULT_RULES.map((rule) => ({ ...rule, eventId, enabled: true })));
      await this.scheduler.sync(eventId);
    });
  }

  async create(eventId: string, input: CreateReminderRuleInput) {
    const event = await this.events.getEntity(eventId);
    await this.checkSurvey(eventId, input.surveyId ?? null, input.audience);
    const { fixedAt } = parseEventTimes({ fixedAt: input.fixedAt }, event.timezone);
    const rule = await this.repository.saveRule({ ...input, fixedAt: fixedAt ?? null, eventId });
    await this.scheduler.sync(eventId);
    return this.view(rule.id, event.timezone);
  }

  async list(eventId: string) {
    const event = await this.events.getEntity(eventId);
    const rules = await this.repository.rulesOf(eventId);
    return { items: await Promise.all(rules.map((r) => this.view(r.id, event.timezone))), nextCursor: null };
  }

  async get(eventId: string, ruleId: string) {
    const event = await this.events.getEntity(eventId);
    await this.load(eventId, ruleId);
    return this.view(ruleId, event.timezone);
  }

  async update(eventId: string, ruleId: string, input: UpdateReminderRuleInput) {
    const event = await this.events.getEntity(eventId);
    const rule = await this.load(eventId, ruleId);
    const { fixedAt, ...plain } = input;
    Object.assign(rule, Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined)));
    if (fixedAt !== undefined) rule.fixedAt = parseEventTimes({ fixedAt }, event.timezone).fixedAt ?? null;
    await this.checkSurvey(eventId, rule.surveyId, rule.audience);
    if ((rule.anchor === 'fixed') !== Boolean(rule.fixedAt)) {
      throw Problem.badRequest('A fixed anchor needs fixedAt, and only it', [
        { field: 'fixedAt', message: 'required with a fixed anchor, and only then' },
      ]);
    }
    await this.repository.saveRule(rule);
    await this.scheduler.sync(eventId);
    return this.view(ruleId, event.timezone);
  }

  async remove(eventId: string, ruleId: string): Promise<void> {
    await this.load(eventId, ruleId);
    await this.repository.disableRule(ruleId);
    await this.scheduler.sync(eventId);
    await this.repository.deleteRule(ruleId);
  }

  /**
   * The rule's next send as it would go out now: when, to how many, to whom
   * (the first 50), and the message rendered for the first recipient.
   */
  async preview(eventId: string, ruleId: string) {
    const event = await this.events.getEntity(eventId);
    const rule = await this.load(eventId, ruleId);
    const next = await this.repository.nextPending(ruleId);
    if (!next) return { next: null, recipients: 0, sample: [], message: null };
    const sample: Recipient[] = [];
    let count = 0;
    let after: string | null = null;
    for (;;) {
      const batch = await this.audience.batch(eventId, rule.audience, next.sessionId, after, 500);
      if (batch.length === 0) break;
      count += batch.length;
      sample.push(...batch.slice(0, 50 - sample.length));
      after = batch[batch.length - 1].personId;
    }
    const first = sample[0];
    let message: { subject: string; text: string } | null = null;
    if (first) {
      const messages = await this.messages.forOccurrence(event, rule, next.sessionId);
      const [own] = await messages.agendasOf([first]);
      const link = this.magicLinks.link(
        rule.surveyId ? SURVEY_LINK_PATH : first.registrationId ? '/my-registration' : '/presenter',
        '(a token of their own)',
      );
      message = renderMail(reminderTemplate, messages.params(first, own, link));
    }
    return {
      next: { occurrence: next.occurrence, sessionId: next.sessionId, dueAt: formatInZone(next.dueAt, event.timezone) },
      recipients: count,
      sample: sample.map((r) => ({ name: r.name, email: r.email, language: mailLanguage(r.language) })),
      message: message && { subject: message.subject, text: message.text },
    };
  }

  /** A survey travels only to checked-in attendees: they are the ones who can say how it went. */
  private async checkSurvey(eventId: string, surveyId: string | null, audience: ReminderAudience): Promise<void> {
    if (surveyId === null) return;
    if (!(await this.surveys.belongsTo(eventId, surveyId))) {
      throw Problem.badRequest('No such survey in this event', [{ field: 'surveyId', message: 'not a survey of this event' }]);
    }
    if (audience !== 'checked_in') {
      throw Problem.unprocessable('A survey goes to checked-in attendees', [
        { field: 'audience', message: 'must be checked_in with a surveyId' },
      ]);
    }
  }

  private async load(eventId: string, ruleId: string): Promise<ReminderRule> {
    const rule = await this.repository.findRule(eventId, ruleId);
    if (!rule) throw Problem.notFound(`No reminder rule ${ruleId} in this event`);
    return rule;
  }

  /** The rule with its occurrences: when each is due and what became of it. */
  private async view(ruleId: string, timezone: string) {
    const rule = await this.repository.rule(ruleId);
    const scheduled = await this.repository.occurrencesOf(ruleId);
    const at = (d: Date | null) => (d ? formatInZone(d, timezone) : null);
    return {
      id: rule.id,
      name: rule.name,
      anchor: rule.anchor,
      offsetMinutes: rule.offsetMinutes,
      fixedAt: at(rule.fixedAt),
      audience: rule.audience,
      subject: rule.subject,
      message: rule.message,
      enabled: rule.enabled,
      surveyId: rule.surveyId,
      scheduled: scheduled.map((s) => ({
        id: s.id,
        occurrence: s.occurrence,
        sessionId: s.sessionId,
        dueAt: at(s.dueAt),
        state: s.state,
        recipients: s.recipients,
        fannedOutAt: at(s.fannedOutAt),
      })),
    };
  }
}
