import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainEventBus } from '../domain-events/domain-event-bus';
import { DomainEventMap, DomainEventName } from '../domain-events/domain-event-map';

/** A running transaction plus what must happen only once it has committed. */
export interface Tx {
  manager: EntityManager;
  /** Runs after commit; never inside the transaction (design.md principle 3). */
  afterCommit(effect: () => Promise<unknown> | unknown): void;
  /** Announces a domain event to in-process listeners after commit. */
  publish<N extends DomainEventName>(name: N, payload: DomainEventMap[N]): void;
}

@Injectable()
export class TransactionService {
  private readonly logger = new Logger(TransactionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: DomainEventBus,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const effects: Array<() => Promise<unknown> | unknown> = [];
    const result = await this.dataSource.transaction((manager) =>
      work({
        manager,
        afterCommit: (effect) => effects.push(effect),
        publish: (name, payload) => effects.push(() => this.bus.emit(name, payload)),
      }),
    );
    for (const effect of effects) {
      try {
        await effect();
      } catch (error) {
        // The commit stands; the maintenance sweep re-derives whatever this effect
        // (an enqueue, a listener) failed to do, so the caller still succeeds.
        this.logger.error({ err: error }, 'after-commit effect failed; the maintenance sweep will heal it');
      }
    }
    return result;
  }
}
