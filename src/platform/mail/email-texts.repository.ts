import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { EmailText } from './email-text.entity';

/** The `email_texts` table's SQL: only EmailTextsService uses this. */
@Injectable()
export class EmailTextsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** For reads outside a transaction. */
  get manager(): EntityManager {
    return this.db.manager;
  }

  /** The event's wording of `kind`, in every language it has edited. */
  ofKind(manager: EntityManager, eventId: string, kind: string): Promise<EmailText[]> {
    return manager.getRepository(EmailText).find({ where: { eventId, kind } });
  }

  findOne(manager: EntityManager, eventId: string, kind: string, language: string): Promise<EmailText | null> {
    return manager.getRepository(EmailText).findOne({ where: { eventId, kind, language } });
  }

  /** The event's wording of several kinds in one language. */
  ofKinds(eventId: string, kinds: string[], language: string): Promise<EmailText[]> {
    return this.db.getRepository(EmailText).find({ where: { eventId, kind: In(kinds), language } });
  }

  /** Which kind and language pairs the event has edited, and when. */
  edited(eventId: string): Promise<Array<Pick<EmailText, 'kind' | 'language' | 'updatedAt'>>> {
    return this.db.getRepository(EmailText).find({ where: { eventId }, select: { kind: true, language: true, updatedAt: true } });
  }

  async upsert(eventId: string, kind: string, language: string, subject: string, body: string): Promise<void> {
    await this.db.query(
      `INSERT INTO email_texts (event_id, kind, language, subject, body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id, kind, language) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, updated_at = now()`,
      [eventId, kind, language, subject, body],
    );
  }

  async delete(eventId: string, kind: string, language: string): Promise<void> {
    await this.db.getRepository(EmailText).delete({ eventId, kind, language });
  }
}
