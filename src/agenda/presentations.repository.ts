import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { sql } from '../platform/database/sql';
import { PresentationPresenter, PresenterRole } from './presentation-presenter.entity';
import { Presentation } from './presentation.entity';

/** The `presentations` and `presentation_presenters` tables' SQL: only the agenda's services use this. */
@Injectable()
export class PresentationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** For reads outside a transaction. */
  get manager(): EntityManager {
    return this.db.manager;
  }

  insert(manager: EntityManager, fields: Partial<Presentation>): Promise<Presentation> {
    return manager.save(manager.create(Presentation, fields));
  }

  save(manager: EntityManager, presentation: Presentation): Promise<Presentation> {
    return manager.save(presentation);
  }

  find(manager: EntityManager, eventId: string, presentationId: string): Promise<Presentation | null> {
    return manager.findOne(Presentation, { where: { eventId, id: presentationId } });
  }

  delete(manager: EntityManager, presentationId: string): Promise<unknown> {
    return manager.delete(Presentation, { id: presentationId });
  }

  /** The event's presentations (or one session's), by session and place in it. */
  listFor(eventId: string, sessionId?: string): Promise<Presentation[]> {
    return this.db.getRepository(Presentation).find({
      where: { eventId, ...(sessionId ? { sessionId } : {}) },
      order: { sessionId: 'ASC', position: 'ASC', createdAt: 'ASC' },
    });
  }

  async idsInSession(manager: EntityManager, eventId: string, sessionId: string): Promise<string[]> {
    return (await manager.find(Presentation, { where: { eventId, sessionId }, select: { id: true } })).map((p) => p.id);
  }

  setPosition(manager: EntityManager, presentationId: string, position: number): Promise<unknown> {
    return manager.update(Presentation, { id: presentationId }, { position });
  }

  /** How many presentations the session holds besides this one. */
  async countOthersInSession(manager: EntityManager, sessionId: string, presentationId: string): Promise<number> {
    const { rows } = await sql<{ n: number }>(manager, `SELECT count(*)::int AS n FROM presentations WHERE session_id = $1 AND id <> $2`, [
      sessionId,
      presentationId,
    ]);
    return rows[0].n;
  }

  /** Puts the presentation at `position` of the session, moving those from there on one place down. */
  async insertAt(manager: EntityManager, presentationId: string, sessionId: string, position: number): Promise<void> {
    await sql(manager, `UPDATE presentations SET position = position + 1 WHERE session_id = $1 AND position >= $2 AND id <> $3`, [
      sessionId,
      position,
      presentationId,
    ]);
    await manager.update(Presentation, { id: presentationId }, { sessionId, position });
  }

  /** Takes the presentation out of its session, moving those after it one place up. */
  async takeOut(manager: EntityManager, presentationId: string, sessionId: string, position: number): Promise<void> {
    await manager.update(Presentation, { id: presentationId }, { sessionId: null, position: null });
    await sql(manager, `UPDATE presentations SET position = position - 1 WHERE session_id = $1 AND position > $2`, [sessionId, position]);
  }

  /** The presenters of these presentations, each presentation's in order. */
  presentersOf(presentationIds: string[]): Promise<PresentationPresenter[]> {
    return this.db.getRepository(PresentationPresenter).find({
      where: { presentationId: In(presentationIds) },
      order: { position: 'ASC' },
    });
  }

  /** Replaces the presentation's presenters by these, in this order. */
  async replacePresenters(
    manager: EntityManager,
    presentationId: string,
    presenters: Array<{ personId: string; role: PresenterRole }>,
  ): Promise<void> {
    await manager.delete(PresentationPresenter, { presentationId });
    if (presenters.length === 0) return;
    await manager.insert(
      PresentationPresenter,
      presenters.map((p, position) => ({ presentationId, personId: p.personId, role: p.role, position })),
    );
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
    const { rows } = await sql<{ id: string }>(this.db.manager, `SELECT id FROM presentations WHERE id = ANY($1::uuid[])`, [
      presentationIds,
    ]);
    return new Set(rows.map((r) => r.id));
  }
}
