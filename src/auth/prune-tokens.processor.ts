import { Injectable, OnModuleInit } from '@nestjs/common';
import { MaintenanceSchedulerService } from '../platform/maintenance/maintenance-scheduler.service';
import { MaintenanceTask } from '../platform/maintenance/maintenance-tasks';
import { MagicLinkService } from './magic-link.service';

/** The `prune-tokens` maintenance task, hourly: deletes magic-link tokens long expired. */
@Injectable()
export class PruneTokensProcessor implements OnModuleInit {
  constructor(
    private readonly maintenance: MaintenanceSchedulerService,
    private readonly magicLinks: MagicLinkService,
  ) {}

  onModuleInit(): void {
    this.maintenance.register(MaintenanceTask.PruneTokens, () => this.magicLinks.prune(), 3_600_000);
  }
}
