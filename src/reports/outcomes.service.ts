import { Injectable } from '@nestjs/common';
import { Problem } from '../platform/http/problem';
import { CreateHighlightInput, CreateOutcomeInput, UpdateHighlightInput, UpdateOutcomeInput } from './dto/outcome.dto';
import { EventHighlight } from './event-highlight.entity';
import { EventOutcome } from './event-outcome.entity';
import { OutcomeKind, OutcomesRepository } from './outcomes.repository';

export const outcomeView = (o: EventOutcome) => ({ id: o.id, label: o.label, value: o.value, note: o.note, position: o.position });
export const highlightView = (h: EventHighlight) => ({ id: h.id, quote: h.quote, attribution: h.attribution, position: h.position });

/**
 * What organisers record about the event for its report: outcomes ("missions
 * undertaken: 40") and highlights (quotes with attribution), each in order.
 */
@Injectable()
export class OutcomesService {
  constructor(private readonly repository: OutcomesRepository) {}

  async listOutcomes(eventId: string) {
    const rows = await this.repository.list(EventOutcome, eventId);
    return { items: rows.map(outcomeView), nextCursor: null };
  }

  async createOutcome(eventId: string, input: CreateOutcomeInput) {
    const position = input.position ?? (await this.nextPosition(EventOutcome, eventId));
    const saved = await this.repository.save(EventOutcome, { eventId, label: input.label, value: input.value, note: input.note, position });
    return outcomeView(saved);
  }

  async getOutcome(eventId: string, id: string) {
    return outcomeView(await this.load(EventOutcome, eventId, id, 'outcome'));
  }

  async updateOutcome(eventId: string, id: string, input: UpdateOutcomeInput) {
    const outcome = await this.load(EventOutcome, eventId, id, 'outcome');
    Object.assign(outcome, definedOnly(input));
    return outcomeView(await this.repository.save(EventOutcome, outcome));
  }

  async removeOutcome(eventId: string, id: string): Promise<void> {
    await this.load(EventOutcome, eventId, id, 'outcome');
    await this.repository.remove(EventOutcome, eventId, id);
  }

  async listHighlights(eventId: string) {
    const rows = await this.repository.list(EventHighlight, eventId);
    return { items: rows.map(highlightView), nextCursor: null };
  }

  async createHighlight(eventId: string, input: CreateHighlightInput) {
    const position = input.position ?? (await this.nextPosition(EventHighlight, eventId));
    const saved = await this.repository.save(EventHighlight, { eventId, quote: input.quote, attribution: input.attribution, position });
    return highlightView(saved);
  }

  async getHighlight(eventId: string, id: string) {
    return highlightView(await this.load(EventHighlight, eventId, id, 'highlight'));
  }

  async updateHighlight(eventId: string, id: string, input: UpdateHighlightInput) {
    const highlight = await this.load(EventHighlight, eventId, id, 'highlight');
    Object.assign(highlight, definedOnly(input));
    return highlightView(await this.repository.save(EventHighlight, highlight));
  }

  async removeHighlight(eventId: string, id: string): Promise<void> {
    await this.load(EventHighlight, eventId, id, 'highlight');
    await this.repository.remove(EventHighlight, eventId, id);
  }

  private nextPosition(kind: OutcomeKind, eventId: string): Promise<number> {
    return this.repository.nextPosition(kind, eventId);
  }

  private async load<K extends OutcomeKind>(kind: K, eventId: string, id: string, what: string): Promise<InstanceType<K>> {
    const row = await this.repository.find(kind, eventId, id);
    if (!row) throw Problem.notFound(`No ${what} ${id} in this event`);
    return row;
  }
}

function definedOnly<T extends object>(source: T): Partial<T> {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined)) as Partial<T>;
}
