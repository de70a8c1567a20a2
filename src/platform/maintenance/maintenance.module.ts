import { Global, Module } from '@nestjs/common';
import { FleetStatusService } from './fleet-status.service';
import { MaintenanceSchedulerService } from './maintenance-scheduler.service';
import { WorkerHeartbeatService } from './worker-heartbeat.service';

@Global()
@Module({
  providers: [MaintenanceSchedulerService, WorkerHeartbeatService, FleetStatusService],
  exports: [MaintenanceSchedulerService, FleetStatusService],
})
export class MaintenanceModule {}
