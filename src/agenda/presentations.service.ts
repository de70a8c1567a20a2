import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { personView } from '../people/person.view';
import { TransactionService } from '../platform/database/transaction.service';
import { FieldError, Problem } from '../platform/http/problem';
import { CreatePresentationInput, PresenterInput, ReorderInput, UpdatePresentationInput } from './dto/presentation.dto';
import { PresenterRole } from './presentation-presenter.entity';
import { PRESENTATION_SECTIONS, Presentation } from './presentation.entity';
import { PresentationsRepository } from './presentations.repository';
import { RoomsRepository } from './rooms.repository';
import { SessionsRepository } from './sessions.repository';
import './agenda-domain-events';

/** Presentations of the working agenda, their presenters (the pairing) and their order in a session. */
@Injectable()
export class PresentationsService {
  constructor(
    private readonly repository: PresentationsRepository,
    private readonly sessions: SessionsRepository,
    private readonly rooms: RoomsRepository,
    private readonly transactions: TransactionService,
    private readonly people: PeopleService,
  ) {}

  async create(eventId: string, input: CreatePresentationInput) {
    const id = await this.transactions.run(async ({ manager }) => {
      await this.checkRefs(manager, eventId, input.sessionId ?? null, input.themeId ?? null);
      const { presenters, position, ...fields } = input;
      refuseUnplacedPosition(position, input.sessionId ?? null);
      const presentation = await this.repository.insert(manager, {
        ...fields,
        eventId,
        sessionId: input.sessionId ?? null,
        themeId: input.themeId ?? null,
        position: null,
      });
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
      await this.repository.save(manager, presentation);
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
      await this.repository.delete(manager, presentationId);
      publish('presentation.removed', { eventId, presentationId });
    });
  }

  /** Sets the order of a session's presentations; the list must name each of them once. */
  async reorder(eventId: string, sessionId: string, input: ReorderInput) {
    await this.transactions.run(async ({ manager }) => {
      await this.lockSession(manager, eventId, sessionId);
      const expected = new Set(await this.repository.idsInSession(manager, eventId, sessionId));
      if (expected.size !== input.presentationIds.length || input.presentationIds.some((id) => !expected.has(id))) {
        throw Problem.badRequest('The order must list every presentation of the session exactly once', [
          { field: 'presentationIds', message: `expected the ${expected.size} presentation(s) of this session` },
        ]);
      }
      for (const [index, id] of input.presentationIds.entries()) {
        await this.repository.setPosition(manager, id, index + 1);
      }
    });
    return this.list(eventId, sessionId);
  }

  async list(eventId: string, sessionId?: string) {
    const presentations = await this.repository.listFor(eventId, sessionId);
    return { items: await this.views(eventId, presentations), nextCursor: null };
  }

  async get(eventId: string, presentationId: string) {
    const [view] = await this.views(eventId, [await this.load(this.repository.manager, eventId, presentationId)]);
    return view;
  }

  /** The people who present at least one of the event's presentations. */
  presenterIds(eventId: string): Promise<string[]> {
    return this.repository.presenterIds(eventId);
  }

  /** Which of these presentations, of any event, still exist. */
  async existing(presentationIds: string[]): Promise<Set<string>> {
    if (presentationIds.length === 0) return new Set();
    return this.repository.existing(presentationIds);
  }

  private async views(eventId: string, presentations: Presentation[]) {
    if (presentations.length === 0) return [];
    const links = await this.repository.presentersOf(presentations.map((p) => p.id));
    const people = new Map((await this.people.byIds(eventId, [...new Set(links.map((l) => l.personId))])).map((p) => [p.id, p]));
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
    const presentation = await this.repository.find(manager, eventId, presentationId);
    if (!presentation) throw Problem.notFound(`No presentation ${presentationId} in this event`);
    return presentation;
  }

  private async checkRefs(manager: EntityManager, eventId: string, sessionId: string | null, themeId: string | null): Promise<void> {
    const errors: FieldError[] = [];
    if (sessionId && !(await this.sessions.find(manager, eventId, sessionId))) {
      errors.push({ field: 'sessionId', message: 'no such session in this event' });
    }
    if (themeId && !(await this.rooms.findTheme(eventId, themeId, manager))) {
      errors.push({ field: 'themeId', message: 'no such theme in this event' });
    }
    if (errors.length > 0) throw Problem.badRequest('The presentation refers to things not in this event', errors);
  }

  /** Serialises changes to one session's order. */
  private async lockSession(manager: EntityManager, eventId: string, sessionId: string): Promise<void> {
    const session = await this.sessions.find(manager, eventId, sessionId, true);
    if (!session) throw Problem.notFound(`No session ${sessionId} in this event`);
  }

  /** Puts the presentation at `position` (1-based; default last), shifting those after it. */
  private async place(manager: EntityManager, presentation: Presentation, sessionId: string, position?: number): Promise<void> {
    await this.lockSession(manager, presentation.eventId, sessionId);
    const others = await this.repository.countOthersInSession(manager, sessionId, presentation.id);
    const at = Math.min(position ?? others + 1, others + 1);
    await this.repository.insertAt(manager, presentation.id, sessionId, at);
    presentation.sessionId = sessionId;
    presentation.position = at;
  }

  private async unplace(manager: EntityManager, presentation: Presentation): Promise<void> {
    if (!presentation.sessionId || presentation.position === null) return;
    await this.lockSession(manager, presentation.eventId, presentation.sessionId);
    await this.repository.takeOut(manager, presentation.id, presentation.sessionId, presentation.position);
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
    await this.repository.replacePresenters(
      manager,
      presentationId,
      people.map((person, i) => ({ personId: person.id, role: (i === leadIndex ? 'lead' : 'co') as PresenterRole })),
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
