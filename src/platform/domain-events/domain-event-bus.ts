import { Injectable, Logger } from '@nestjs/common';
import { DomainEventMap, DomainEventName } from './domain-event-map';

type Listener<N extends DomainEventName> = (payload: DomainEventMap[N]) => Promise<void> | void;

/**
 * Delivers domain events to in-process listeners. Events are only emitted after
 * the transaction that caused them commits (see TransactionService.publish).
 * A listener that fails is logged and does not stop the others: downstream
 * modules also re-check on a schedule, so a missed event heals itself.
 */
@Injectable()
export class DomainEventBus {
  private readonly logger = new Logger(DomainEventBus.name);
  private readonly listeners = new Map<DomainEventName, Array<Listener<never>>>();

  on<N extends DomainEventName>(name: N, listener: Listener<N>): void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener as Listener<never>);
    this.listeners.set(name, list);
  }

  async emit<N extends DomainEventName>(name: N, payload: DomainEventMap[N]): Promise<void> {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        await (listener as Listener<N>)(payload);
      } catch (error) {
        this.logger.error({ err: error, event: name }, `listener for ${String(name)} failed`);
      }
    }
  }
}
