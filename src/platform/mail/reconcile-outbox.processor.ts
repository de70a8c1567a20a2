import { Injectable, OnModuleInit } from '@nestjs/common';
import { MaintenanceSchedulerService } from '../maintenance/maintenance-scheduler.service';
import { MaintenanceTask } from '../maintenance/maintenance-tasks';
import { OutboxService } from './outbox.service';

/** The `reconcile-outbox` maintenance task: re-adds the send job of every queued email the queue lost. */
@Injectable()
export class ReconcileOutboxProcessor implements OnModuleInit {
  constructor(
    private readonly maintenance: MaintenanceSchedulerService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.maintenance.register(MaintenanceTask.ReconcileOutbox, () => this.outbox.reconcile());
  }
}
