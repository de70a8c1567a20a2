import { Global, Module } from '@nestjs/common';
import { MaintenanceSchedulerService } from './maintenance-scheduler.service';

@Global()
@Module({
  providers: [MaintenanceSchedulerService],
  exports: [MaintenanceSchedulerService],
})
export class MaintenanceModule {}
