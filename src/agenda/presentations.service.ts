import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { personView } from '../people/person.view';
import { TransactionService } from '../platform/database/transaction.service';
import { sql } from '../platform/database/sql';
import { FieldError, Problem } from '../platform/http/problem';
import { CreatePresentationInput, PresenterInput, ReorderInput, UpdatePresentationInput } from './dto/presentation.dto';
import { PresentationPresenter, PresenterRole } from './presentation-presenter.entity';
import { PRESENTATION_SECTIONS, Presentation } from './presentation.entity';
import { Session } from './session.entity';
import { Theme } from './theme.entity';
import './agenda-domain-events';

/** Presentations of the working agenda, their presenters (the pairing) and their order in a session. */
@Injectable()
export class PresentationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: TransactionService,
    private readonly people: PeopleService,
  ) {}

  async create(eventId: string, input: CreatePresentationInput) {
    const id = await this.transactions.run(async ({ manager }) => {
      await this.checkRefs(manager, eventId, input.sessionId ?? null, input.themeId ?? null);
      const { presenters, position, ...fields } = input;
      refuseUnplacedPosition(position, input.sessionId ?? null);
      const presentation = await manager.save(
        manager.create(Presentation, {
          ...fields,
          eventId,
          sessionId: input.sessionId ?? null,
          themeId: input.themeId ?? null,
          position: null,
        }),
      );
      if (presentation.sessionId) await this.place(manager, presentation, presentation.sessionId, position);
      await this.setPresenters(manager, eventId, presentation.id, presenters);
      return presentation.id;
    });
    return this.get(eventId, id);
  }

  async update(eventId: string, presentationId: string, input: UpdatePresentationInput) {
    await this.transactions.run(async ({ manager }) => {
      const presentation = await this.load(manager, eventId, presentationId);
      const { presenters, position, sessionId, ...fields } = input;
      const targetSession = sessionId === undefined ? presentation.sessionId : sessionId;
      refuseUnplacedPosition(position, targetSession);
      await this.checkRefs(manager, eventId, sessionId ?? null, fields.themeId ?? null);
      Object.assign(presentation, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
      await manager.save(presentation);
      if (targetSession !== presentation.sessionId || position !== undefined) {
        await this.unplace(manager, presentation);
        if (targetSession) await this.place(manager, presentation, targetSession, position);
      }
      if (presenters) await this.setPresenters(manager, eventId, presentationId, presenters);
    });
    return this.get(eventId, presentationId);
  }

  async remove(eventId: string, presentationId: string): Promise<void> {
    await this.transactions.run(async ({ manager, publish }) => {
      const presentation = await this.load(manager, eventId, presentationId);
      await this.unplace(manager, presentation);
      await manager.delete(Presentation, { id: presentationId });
      publish('presentation.removed', { eventId, presentationId });
    });
  }

  /** Sets the order of a session's presentations; the list must name each of them once. */
  async reorder(eventId: string, sessionId: string, input: ReorderInput) {
    await this.transactions.run(async ({ manager }) => {
      await this.lockSession(manager, eventId, sessionId);
      const current = await manager.find(Presentation, { where: { eventId, sessionId }, select: { id: true } });
      const expected = new Set(current.map((p) => p.id));
      if (expected.size !== input.presentationIds.length || input.presentationIds.some((id) => !expected.has(id))) {
        throw Problem.badRequest('The order must list every presentation of the session exactly once', [
          { field: 'presentationIds', message: `expected the ${expected.size} presentation(s) of this session` },
        ]);
      }
      for (const [index, id] of input.presentationIds.entries()) {
        await manager.update(Presentation, { id }, { position: index + 1 });
      }
    });
    return this.list(eventId, sessionId);
  }

  async list(eventId: string, sessionId?: string) {
    const presentations = await this.db.getRepository(Presentation).find({
      where: { eventId, ...(sessionId ? { sessionId } : {}) },
      order: { sessionId: 'ASC', position: 'ASC', createdAt: 'ASC' },
    });
    return { items: await this.views(presentations), nextCursor: null };
  }

  async get(eventId: string, presentationId: string) {
    const [view] = await this.views([await this.load(this.db.manager, eventId, presentationId)]);
    return view;
  }

  /** The people who present at least one of the event's presentations. */
  async presenterIds(eventId: string): Promise<string[]> {
    const { rows } = await sql<{ person_id: string }>(
      this.db.manager,
      `SELECT DISTINCT pp.person_id FROM presentation_presenters pp JOIN presentations p ON p.id = pp.presentation_id WHERE p.event_id = $1`,
      [eventId],
    );
    return rows.map((r) => r.person_id);
  }

  /** Which of these presentations, of any event, still exist. */
  async existing(presentationIds: string[]): Promise<Set<string>> {
    if (presentationIds.length === 0) return new Set();
    const { rows } = await sql<{ id: string }>(this.db.manager, `SELECT id FROM presentations WHERE id = ANY($1::uuid[])`, [
      presentationIds,
    ]);
    return new Set(rows.map((r) => r.id));
  }

  private async views(presentations: Presentation[]) {
    if (presentations.length === 0) return [];
    const links = await this.db.getRepository(PresentationPresenter).find({
      where: { presentationId: In(presentations.map((p) => p.id)) },
      order: { position: 'ASC' },
    });
    const people = new Map(
      (await this.db.getRepository(Person).find({ where: { id: In([...new Set(links.map((l) => l.personId))]) } })).map((p) => [p.id, p]),
    );
    return presentations.map((p) => ({
      id: p.id,
      title: p.title,
      abstract: p.abstract,
      sessionId: p.sessionId,
      themeId: p.themeId,
      position: p.position,
      status: p.status,
      sections: Object.fromEntries(PRESENTATION_SECTIONS.map((name) => [name, p[name]])),
      presenters: links
        .filter((l) => l.presentationId === p.id)
        .map((l) => ({ ...personView(people.get(l.personId) as Person), personId: l.personId, role: l.role })),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    }));
  }

  private async load(manager: EntityManager, eventId: string, presentationId: string): Promise<Presentation> {
    const presentation = await manager.findOne(Presentation, { where: { eventId, id: presentationId } });
    if (!presentation) throw Problem.notFound(`No presentation ${presentationId} in this event`);
    return presentation;
  }

  private async checkRefs(manager: EntityManager, eventId: string, sessionId: string | null, themeId: string | null): Promise<void> {
    const errors: FieldError[] = [];
    if (sessionId && !(await manager.findOne(Session, { where: { eventId, id: sessionId } }))) {
      errors.push({ field: 'sessionId', message: 'no such session in this event' });
    }
    if (themeId && !(await manager.findOne(Theme, { where: { eventId, id: themeId } }))) {
      errors.push({ field: 'themeId', message: 'no such theme in this event' });
    }
    if (errors.length > 0) throw Problem.badRequest('The presentation refers to things not in this event', errors);
  }

  /** Serialises changes to one session's order. */
  private async lockSession(manager: EntityManager, eventId: string, sessionId: string): Promise<void> {
    const session = await manager.findOne(Session, { where: { eventId, id: sessionId }, lock: { mode: 'pessimistic_write' } });
    if (!session) throw Problem.notFound(`No session ${sessionId} in this event`);
  }

  /** Puts the presentation at `position` (1-based; default last), shifting those after it. */
  private async place(manager: EntityManager, presentation: Presentation, sessionId: string, position?: number): Promise<void> {
    await this.lockSession(manager, presentation.eventId, sessionId);
    const { rows } = await sql<{ n: number }>(manager, `SELECT count(*)::int AS n FROM presentations WHERE session_id = $1 AND id <> $2`, [
      sessionId,
      presentation.id,
    ]);
    const at = Math.min(position ?? rows[0].n + 1, rows[0].n + 1);
    await sql(manager, `UPDATE presentations SET position = position + 1 WHERE session_id = $1 AND position >= $2 AND id <> $3`, [
      sessionId,
      at,
      presentation.id,
    ]);
    await manager.update(Presentation, { id: presentation.id }, { sessionId, position: at });
    presentation.sessionId = sessionId;
    presentation.position = at;
  }

  private async unplace(manager: EntityManager, presentation: Presentation): Promise<void> {
    if (!presentation.sessionId || presentation.position === null) return;
    await this.lockSession(manager, presentation.eventId, presentation.sessionId);
    await manager.update(Presentation, { id: presentation.id }, { sessionId: null, position: null });
    await sql(manager, `UPDATE presentations SET position = position - 1 WHERE session_id = $1 AND position > $2`, [
      presentation.sessionId,
      presentation.position,
    ]);
    presentation.sessionId = null;
    presentation.position = null;
  }

  /** One lead (the one marked, else the first), co-presenters after, in the given order. */
  private async setPresenters(
    manager: EntityManager,
    eventId: string,
    presentationId: string,
    presenters: PresenterInput[],
  ): Promise<void> {
    const byId = presenters.filter((p): p is Extract<PresenterInput, { personId: string }> => 'personId' in p);
    const known = await this.people.requireAll(
      manager,
      eventId,
      byId.map((p) => p.personId),
      'presenters',
    );
    const people: Person[] = [];
    for (const presenter of presenters) {
      if ('personId' in presenter) {
        people.push(known.find((p) => p.id === presenter.personId) as Person);
      } else {
        const { role: _role, ...person } = presenter;
        people.push(await this.people.upsert(manager, eventId, person));
      }
    }
    if (new Set(people.map((p) => p.id)).size !== people.length) {
      throw Problem.badRequest('A person is listed twice among the presenters', [
        { field: 'presenters', message: 'a person is listed twice' },
      ]);
    }
    const leadIndex = Math.max(
      0,
      presenters.findIndex((p) => p.role === 'lead'),
    );
    await manager.delete(PresentationPresenter, { presentationId });
    if (people.length === 0) return;
    await manager.insert(
      PresentationPresenter,
      people.map((person, i) => ({
        presentationId,
        personId: person.id,
        role: (i === leadIndex ? 'lead' : 'co') as PresenterRole,
        position: i,
      })),
    );
  }
}

/** A position is a place in a session's order; without a session it would be dropped unseen. */
function refuseUnplacedPosition(position: number | undefined, sessionId: string | null): void {
  if (position !== undefined && !sessionId) {
    throw Problem.badRequest('A position needs a session to be placed in', [
      { field: 'position', message: 'a position is a place in a session: give sessionId too' },
    ]);
  }
}
