import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EditedText } from './editable-text';
import { EmailTextsRepository } from './email-texts.repository';
import { MAIL_LANGUAGES, MailLanguage } from './mail-language';

/** How long a public registration's read of the wording is reused, and how many such reads are kept. */
const RECENT_MS = 2_000;
const RECENT_MAX = 1_000;

/**
 * Events' own wording of their system emails. Modules that send a kind read
 * it here when they compose the message; no row means the default text.
 */
@Injectable()
export class EmailTextsService {
  private readonly recent = new Map<string, { until: number; answer: Promise<Map<string, EditedText>> }>();

  constructor(private readonly texts: EmailTextsRepository) {}

  /** The event's wording of `kind`, by language (only the languages it has edited). */
  async forKind(eventId: string, kind: string, manager?: EntityManager): Promise<Partial<Record<MailLanguage, EditedText>>> {
    const rows = await this.texts.ofKind(manager ?? this.texts.manager, eventId, kind);
    const out: Partial<Record<MailLanguage, EditedText>> = {};
    for (const row of rows) {
      if ((MAIL_LANGUAGES as readonly string[]).includes(row.language)) out[row.language as MailLanguage] = row;
    }
    return out;
  }

  async find(eventId: string, kind: string, language: MailLanguage, manager?: EntityManager): Promise<EditedText | null> {
    const row = await this.texts.findOne(manager ?? this.texts.manager, eventId, kind, language);
    return row ? { subject: row.subject, body: row.body } : null;
  }

  /**
   * The event's wording of several kinds in one language, for public
   * registrations: a burst of them asks once, not once each (the answer is
   * kept for a moment; an edit in this process drops it at once, one in
   * another process is seen within RECENT_MS).
   */
  findMany(eventId: string, kinds: string[], language: MailLanguage): Promise<Map<string, EditedText>> {
    if (kinds.length === 0) return Promise.resolve(new Map());
    const key = `${eventId}/${language}/${kinds.join(',')}`;
    const recent = this.recent.get(key);
    if (recent && recent.until > Date.now()) return recent.answer;
    const answer = this.texts
      .ofKinds(eventId, kinds, language)
      .then((rows) => new Map(rows.map((row) => [row.kind, { subject: row.subject, body: row.body }])));
    this.recent.set(key, { until: Date.now() + RECENT_MS, answer });
    answer.catch(() => this.recent.delete(key));
    if (this.recent.size > RECENT_MAX) this.recent.delete(this.recent.keys().next().value as string);
    return answer;
  }

  /** Which kind and language pairs the event has edited, and when. */
  async list(eventId: string): Promise<Array<{ kind: string; language: string; updatedAt: Date }>> {
    const rows = await this.texts.edited(eventId);
    return rows.map(({ kind, language, updatedAt }) => ({ kind, language, updatedAt }));
  }

  async save(eventId: string, kind: string, language: MailLanguage, text: EditedText): Promise<void> {
    await this.texts.upsert(eventId, kind, language, text.subject, text.body);
    this.forget(eventId);
  }

  /** Back to the default wording. */
  async reset(eventId: string, kind: string, language: MailLanguage): Promise<void> {
    await this.texts.delete(eventId, kind, language);
    this.forget(eventId);
  }

  private forget(eventId: string): void {
    for (const key of this.recent.keys()) if (key.startsWith(`${eventId}/`)) this.recent.delete(key);
  }
}
