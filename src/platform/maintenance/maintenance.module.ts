import { Global, Module } from '@nestjs/common';
import { FleetStatusService } from './fleet-status.service';
import { MaintenanceRunsRepository } from './maintenance-runs.repository';
import { MaintenanceSchedulerService } from './maintenance-scheduler.service';
import { WorkerHeartbeatService } from './worker-heartbeat.service';
import { WorkerHeartbeatsRepository } from './worker-heartbeats.repository';

@Global()
@Module({
  providers: [
    MaintenanceRunsRepository,
    WorkerHeartbeatsRepository,
    MaintenanceSchedulerService,
    WorkerHeartbeatService,
    FleetStatusService,
  ],
  exports: [MaintenanceSchedulerService, FleetStatusService],
})
export class MaintenanceModule {}
