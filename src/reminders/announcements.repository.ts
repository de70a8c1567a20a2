import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Announcement } from './announcement.entity';
import { MailOptOut } from './mail-opt-out.entity';

/** The `announcements` and `mail_opt_outs` tables' SQL: announcements and who asked for no optional ones. */
@Injectable()
export class AnnouncementsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  save(announcement: Partial<Announcement>): Promise<Announcement> {
    return this.db.getRepository(Announcement).save(announcement);
  }

  /** The event's announcements, newest first. */
  listOf(eventId: string): Promise<Announcement[]> {
    return this.db.getRepository(Announcement).find({ where: { eventId }, order: { createdAt: 'DESC' } });
  }

  findInEvent(eventId: string, announcementId: string): Promise<Announcement | null> {
    return this.db.getRepository(Announcement).findOne({ where: { eventId, id: announcementId } });
  }

  find(announcementId: string): Promise<Announcement | null> {
    return this.db.getRepository(Announcement).findOne({ where: { id: announcementId } });
  }

  /** Ids of the announcements promised a sending job. */
  async sendingIds(): Promise<string[]> {
    const rows = await this.db.getRepository(Announcement).find({ where: { status: 'sending' }, select: { id: true } });
    return rows.map((a) => a.id);
  }

  /** draft → sending, in the caller's transaction; an announcement no longer a draft is left alone. */
  /** Whether this call moved the draft on: of two clicks at once, one does. */
  async markSending(manager: EntityManager, announcementId: string): Promise<boolean> {
    const result = await manager.update(Announcement, { id: announcementId, status: 'draft' }, { status: 'sending' });
    return (result.affected ?? 0) > 0;
  }

  async markSent(announcementId: string, recipients: number): Promise<void> {
    await this.db.getRepository(Announcement).update({ id: announcementId }, { status: 'sent', sentAt: new Date(), recipients });
  }

  /** Which of these people of the event opted out of its optional announcements. */
  async optedOut(eventId: string, personIds: string[]): Promise<Set<string>> {
    const rows = await this.db.getRepository(MailOptOut).find({ where: { eventId, personId: In(personIds) } });
    return new Set(rows.map((o) => o.personId));
  }

  async optOut(eventId: string, personId: string): Promise<void> {
    await this.db.query(`INSERT INTO mail_opt_outs (event_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [eventId, personId]);
  }
}
