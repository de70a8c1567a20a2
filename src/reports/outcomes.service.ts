import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { Problem } from '../platform/http/problem';
import { CreateHighlightInput, CreateOutcomeInput, UpdateHighlightInput, UpdateOutcomeInput } from './dto/outcome.dto';
import { EventHighlight } from './event-highlight.entity';
import { EventOutcome } from './event-outcome.entity';

export const outcomeView = (o: EventOutcome) => ({ id: o.id, label: o.label, value: o.value, note: o.note, position: o.position });
export const highlightView = (h: EventHighlight) => ({ id: h.id, quote: h.quote, attribution: h.attribution, position: h.position });

/**
 * What organisers record about the event for its report: outcomes ("missions
 * undertaken: 40") and highlights (quotes with attribution), each in order.
 */
@Injectable()
export class OutcomesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async listOutcomes(eventId: string) {
    const rows = await this.db
      .getRepository(EventOutcome)
      .find({ where: { eventId }, order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' } });
    return { items: rows.map(outcomeView), nextCursor: null };
  }

  async createOutcome(eventId: string, input: CreateOutcomeInput) {
    const position = input.position ?? (await this.nextPosition(EventOutcome, eventId));
    const saved = await this.db
      .getRepository(EventOutcome)
      .save({ eventId, label: input.label, value: input.value, note: input.note, position });
    return outcomeView(saved);
  }

  async getOutcome(eventId: string, id: string) {
    return outcomeView(await this.load(EventOutcome, eventId, id, 'outcome'));
  }

  async updateOutcome(eventId: string, id: string, input: UpdateOutcomeInput) {
    const outcome = await this.load(EventOutcome, eventId, id, 'outcome');
    Object.assign(outcome, definedOnly(input));
    return outcomeView(await this.db.getRepository(EventOutcome).save(outcome));
  }

  async removeOutcome(eventId: string, id: string): Promise<void> {
    await this.load(EventOutcome, eventId, id, 'outcome');
    await this.db.getRepository(EventOutcome).delete({ id, eventId });
  }

  async listHighlights(eventId: string) {
    const rows = await this.db
      .getRepository(EventHighlight)
      .find({ where: { eventId }, order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' } });
    return { items: rows.map(highlightView), nextCursor: null };
  }

  async createHighlight(eventId: string, input: CreateHighlightInput) {
    const position = input.position ?? (await this.nextPosition(EventHighlight, eventId));
    const saved = await this.db
      .getRepository(EventHighlight)
      .save({ eventId, quote: input.quote, attribution: input.attribution, position });
    return highlightView(saved);
  }

  async getHighlight(eventId: string, id: string) {
    return highlightView(await this.load(EventHighlight, eventId, id, 'highlight'));
  }

  async updateHighlight(eventId: string, id: string, input: UpdateHighlightInput) {
    const highlight = await this.load(EventHighlight, eventId, id, 'highlight');
    Object.assign(highlight, definedOnly(input));
    return highlightView(await this.db.getRepository(EventHighlight).save(highlight));
  }

  async removeHighlight(eventId: string, id: string): Promise<void> {
    await this.load(EventHighlight, eventId, id, 'highlight');
    await this.db.getRepository(EventHighlight).delete({ id, eventId });
  }

  private async nextPosition(entity: typeof EventOutcome | typeof EventHighlight, eventId: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT coalesce(max(position), 0) + 1 AS next FROM ${entity === EventOutcome ? 'event_outcomes' : 'event_highlights'} WHERE event_id = $1`,
      [eventId],
    );
    return Number(row.next);
  }

  private async load<T extends ObjectLiteral>(entity: EntityTarget<T>, eventId: string, id: string, what: string): Promise<T> {
    const row = await this.db.getRepository(entity).findOne({ where: { id, eventId } as never });
    if (!row) throw Problem.notFound(`No ${what} ${id} in this event`);
    return row;
  }
}

function definedOnly<T extends object>(source: T): Partial<T> {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined)) as Partial<T>;
}
