import { Global, Module } from '@nestjs/common';
import { MaintenanceSchedulerService } from './maintenance-scheduler.service';
import { WorkerHeartbeatService } from './worker-heartbeat.service';

@Global()
@Module({
  providers: [MaintenanceSchedulerService, WorkerHeartbeatService],
  exports: [MaintenanceSchedulerService],
})
export class MaintenanceModule {}
