import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobName } from '../platform/queue/queue-names';
import { QueueWorkersService } from '../platform/queue/queue-workers.service';
import { AnnouncementsService } from './announcements.service';

/** The `reminders` queue's `announce` job: sends an announcement to its audience, a batch at a time. */
@Injectable()
export class AnnounceProcessor implements OnModuleInit {
  constructor(
    private readonly workers: QueueWorkersService,
    private readonly announcements: AnnouncementsService,
  ) {}

  onModuleInit(): void {
    this.workers.handle(JobName.Announce, (job) => this.announcements.process(job));
  }
}
