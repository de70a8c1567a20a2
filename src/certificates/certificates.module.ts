import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaModule } from '../agenda/agenda.module';
import { EventsModule } from '../events/events.module';
import { PeopleModule } from '../people/people.module';
import { RegistrationModule } from '../registration/registration.module';
import { Certificate, CertificateRun, CertificateSettings } from './certificate.entity';
import { CertificatePersonalDataService } from './certificate-personal-data.service';
import { CertificateRunsService } from './certificate-runs.service';
import { CertificateCodeController, CertificatesController, MyCertificatesController } from './certificates.controller';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';
import { IssueCertificatesProcessor } from './issue-certificates.processor';
import { SweepCertificateRunsProcessor } from './sweep-certificate-runs.processor';

/**
 * Certificates of attendance and of presenting, downstream of events, people,
 * agenda and registration (whose check-ins say who attended which days) and
 * upstream of web, which shows the verification page and the download links.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Certificate, CertificateSettings, CertificateRun]),
    EventsModule,
    PeopleModule,
    AgendaModule,
    RegistrationModule,
  ],
  controllers: [CertificatesController, MyCertificatesController, CertificateCodeController],
  providers: [
    CertificatesRepository,
    CertificatesService,
    CertificateRunsService,
    CertificatePersonalDataService,
    IssueCertificatesProcessor,
    SweepCertificateRunsProcessor,
  ],
  exports: [CertificatesService, CertificateRunsService],
})
export class CertificatesModule {}
