import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EventsModule } from '../events/events.module';
import { StorageModule } from '../platform/storage/storage.module';
import { RegistrationModule } from '../registration/registration.module';
import { LettersController } from './letters.controller';
import { LettersRepository } from './letters.repository';
import { LettersService } from './letters.service';
import { LetterVerificationController, MyLetterController } from './my-letter.controller';
import { SweepLettersProcessor } from './sweep-letters.processor';

@Module({
  imports: [EventsModule, AuditModule, RegistrationModule, StorageModule],
  controllers: [LettersController, MyLetterController, LetterVerificationController],
  providers: [LettersService, LettersRepository, SweepLettersProcessor],
  exports: [LettersService],
})
export class LettersModule {}
