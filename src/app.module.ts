import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaModule } from './agenda/agenda.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CertificatesModule } from './certificates/certificates.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ENTITIES } from './data-source';
import { EventsModule } from './events/events.module';
import { LettersModule } from './letters/letters.module';
import { DatabaseModule } from './platform/database/database.module';
import { dataSourceOptions } from './platform/database/data-source-options';
import { MIGRATIONS } from './platform/database/migrations';
import { DomainEventsModule } from './platform/domain-events/domain-events.module';
import { OperationsModule } from './platform/health/operations.module';
import { RateLimitModule } from './platform/http/rate-limit.module';
import { PeopleModule } from './people/people.module';
import { RegistrationModule } from './registration/registration.module';
import { RemindersModule } from './reminders/reminders.module';
import { MailModule } from './platform/mail/mail.module';
import { QueueModule } from './platform/queue/queue.module';
import { MaintenanceModule } from './platform/maintenance/maintenance.module';
import { PresentersModule } from './presenters/presenters.module';
import { ReportsModule } from './reports/reports.module';
import { SurveysModule } from './surveys/surveys.module';
import { WebModule } from './web/web.module';

/** The whole application; which parts run (HTTP, workers) depends on the role. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, ENTITIES, MIGRATIONS)),
        DatabaseModule,
        DomainEventsModule,
        QueueModule.forRoot(config, databaseUrl),
        RateLimitModule,
        MaintenanceModule,
        MailModule,
        AuthModule,
        EventsModule,
        AuditModule,
        PeopleModule,
        AgendaModule,
        RegistrationModule,
        SurveysModule,
        RemindersModule,
        OperationsModule,
        PresentersModule,
        ReportsModule,
        CertificatesModule,
        LettersModule,
        WebModule,
      ],
    };
  }
}
