import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { sql } from '../platform/database/sql';
import { ReminderRule } from './reminder-rule.entity';
import { ScheduledReminder } from './scheduled-reminder.entity';

/**
 * The `reminder_rules` and `scheduled_reminders` tables' SQL, all of it: the
 * rules, the scheduler keeping one row per occurrence, and the fan-out job.
 */
@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Outside any transaction, for other modules' services that take a manager. */
  get manager(): EntityManager {
    return this.db.manager;
  }

  async insertRules(rules: Array<QueryDeepPartialEntity<ReminderRule>>): Promise<void> {
    await this.db.getRepository(ReminderRule).insert(rules);
  }

  saveRule(rule: Partial<ReminderRule>): Promise<ReminderRule> {
    return this.db.getRepository(ReminderRule).save(rule);
  }

  /** The event's rules, oldest first. */
  rulesOf(eventId: string): Promise<ReminderRule[]> {
    return this.db.getRepository(ReminderRule).find({ where: { eventId }, order: { createdAt: 'ASC' } });
  }

  findRule(eventId: string, ruleId: string): Promise<ReminderRule | null> {
    return this.db.getRepository(ReminderRule).findOne({ where: { eventId, id: ruleId } });
  }

  rule(ruleId: string): Promise<ReminderRule> {
    return this.db.getRepository(ReminderRule).findOneByOrFail({ id: ruleId });
  }

  async disableRule(ruleId: string): Promise<void> {
    await this.db.getRepository(ReminderRule).update({ id: ruleId }, { enabled: false });
  }

  async deleteRule(ruleId: string): Promise<void> {
    await this.db.getRepository(ReminderRule).delete({ id: ruleId });
  }

  /** The rule's pending occurrence due first. */
  nextPending(ruleId: string): Promise<ScheduledReminder | null> {
    return this.db.getRepository(ScheduledReminder).findOne({ where: { ruleId, state: 'pending' }, order: { dueAt: 'ASC' } });
  }

  /** The rule's occurrences by due time. */
  occurrencesOf(ruleId: string): Promise<ScheduledReminder[]> {
    return this.db.getRepository(ScheduledReminder).find({ where: { ruleId }, order: { dueAt: 'ASC' } });
  }

  /** The event's pending occurrences by due time. */
  pendingOf(eventId: string): Promise<ScheduledReminder[]> {
    return this.db.getRepository(ScheduledReminder).find({ where: { eventId, state: 'pending' }, order: { dueAt: 'ASC' } });
  }

  findScheduled(reminderId: string): Promise<ScheduledReminder | null> {
    return this.db.getRepository(ScheduledReminder).findOne({ where: { id: reminderId } });
  }

  /** Changes a still pending occurrence; a cancelled or sent one is left alone. */
  async updatePending(reminderId: string, change: Partial<ScheduledReminder>): Promise<void> {
    await this.db.getRepository(ScheduledReminder).update({ id: reminderId, state: 'pending' }, change);
  }

  /** Events with enabled rules that have not ended before `endedAfter` or still have pending reminders. */
  async eventsToSync(endedAfter: Date): Promise<string[]> {
    const { rows } = await sql<{ id: string }>(
      this.db.manager,
      `SELECT e.id FROM events e
        WHERE EXISTS (SELECT 1 FROM reminder_rules r WHERE r.event_id = e.id AND r.enabled)
          AND (e.ends_at > $1 OR EXISTS (SELECT 1 FROM scheduled_reminders s WHERE s.event_id = e.id AND s.state = 'pending'))`,
      [endedAfter],
    );
    return rows.map((r) => r.id);
  }

  /** One sync of an event at a time: domain events and the sweep may overlap. */
  async lockEvent(manager: EntityManager, eventId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('plenary:reminders:' || $1))`, [eventId]);
  }

  rulesIn(manager: EntityManager, eventId: string): Promise<ReminderRule[]> {
    return manager.find(ReminderRule, { where: { eventId } });
  }

  scheduledIn(manager: EntityManager, eventId: string): Promise<ScheduledReminder[]> {
    return manager.find(ScheduledReminder, { where: { eventId } });
  }

  /** A new occurrence row, not saved yet. */
  newScheduled(manager: EntityManager, fields: Partial<ScheduledReminder>): ScheduledReminder {
    return manager.create(ScheduledReminder, fields);
  }

  saveScheduled(manager: EntityManager, row: ScheduledReminder): Promise<ScheduledReminder> {
    return manager.save(ScheduledReminder, row);
  }

  async cancelScheduled(manager: EntityManager, reminderId: string): Promise<void> {
    await manager.update(ScheduledReminder, { id: reminderId }, { state: 'cancelled', jobId: null });
  }

  /**
   * How many reminder emails the occurrence put in the outbox, counted on the
   * outbox's table by the dedupe key prefix the fan-out gives them.
   */
  async emailsSent(eventId: string, dedupeKeyPrefix: string): Promise<number> {
    const [{ n }] = (await this.db.query(
      `SELECT count(*)::int AS n FROM emails WHERE event_id = $1 AND kind = 'reminder' AND starts_with(dedupe_key, $2)`,
      [eventId, dedupeKeyPrefix],
    )) as Array<{ n: number }>;
    return n;
  }
}
