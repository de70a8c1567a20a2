import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { EditedText } from './editable-text';
import { EmailText } from './email-text.entity';
import { MAIL_LANGUAGES, MailLanguage } from './mail-language';

/**
 * Events' own wording of their system emails. Modules that send a kind read
 * it here when they compose the message; no row means the default text.
 */
@Injectable()
export class EmailTextsService {
  constructor(@InjectRepository(EmailText) private readonly texts: Repository<EmailText>) {}

  /** The event's wording of `kind`, by language (only the languages it has edited). */
  async forKind(eventId: string, kind: string, manager?: EntityManager): Promise<Partial<Record<MailLanguage, EditedText>>> {
    const rows = await (manager?.getRepository(EmailText) ?? this.texts).find({ where: { eventId, kind } });
    const out: Partial<Record<MailLanguage, EditedText>> = {};
    for (const row of rows) {
      if ((MAIL_LANGUAGES as readonly string[]).includes(row.language)) out[row.language as MailLanguage] = row;
    }
    return out;
  }

  async find(eventId: string, kind: string, language: MailLanguage, manager?: EntityManager): Promise<EditedText | null> {
    const row = await (manager?.getRepository(EmailText) ?? this.texts).findOne({ where: { eventId, kind, language } });
    return row ? { subject: row.subject, body: row.body } : null;
  }

  /** The event's wording of several kinds in one language, in one query (a registration renders both its possible outcomes). */
  async findMany(eventId: string, kinds: string[], language: MailLanguage): Promise<Map<string, EditedText>> {
    if (kinds.length === 0) return new Map();
    const rows = await this.texts.find({ where: { eventId, kind: In(kinds), language } });
    return new Map(rows.map((row) => [row.kind, { subject: row.subject, body: row.body }]));
  }

  /** Which kind and language pairs the event has edited, and when. */
  async list(eventId: string): Promise<Array<{ kind: string; language: string; updatedAt: Date }>> {
    const rows = await this.texts.find({ where: { eventId }, select: { kind: true, language: true, updatedAt: true } });
    return rows.map(({ kind, language, updatedAt }) => ({ kind, language, updatedAt }));
  }

  async save(eventId: string, kind: string, language: MailLanguage, text: EditedText): Promise<void> {
    await this.texts.query(
      `INSERT INTO email_texts (event_id, kind, language, subject, body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id, kind, language) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, updated_at = now()`,
      [eventId, kind, language, text.subject, text.body],
    );
  }

  /** Back to the default wording. */
  async reset(eventId: string, kind: string, language: MailLanguage): Promise<void> {
    await this.texts.delete({ eventId, kind, language });
  }
}
