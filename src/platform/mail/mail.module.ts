import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Email } from './email.entity';
import { EmailText } from './email-text.entity';
import { EmailTextsRepository } from './email-texts.repository';
import { EmailTextsService } from './email-texts.service';
import { MailAttachmentRenderers } from './mail-attachment-renderers';
import { EmailsRepository } from './emails.repository';
import { MailEventsService } from './mail-events.service';
import { MailSuppression } from './mail-suppression.entity';
import { MailSuppressionsRepository } from './mail-suppressions.repository';
import { MailWebhookController } from './mail-webhook.controller';
import { FileMailTransport } from './file-mail.transport';
import { MAIL_TRANSPORT, MailTransport } from './mail-transport';
import { OutboxService } from './outbox.service';
import { ReconcileOutboxProcessor } from './reconcile-outbox.processor';
import { SendMailProcessor } from './send-mail.processor';
import { SmtpMailTransport } from './smtp-mail.transport';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Email, EmailText, MailSuppression])],
  controllers: [MailWebhookController],
  providers: [
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): MailTransport =>
        config.mail.smtpUrl ? new SmtpMailTransport(config.mail.smtpUrl) : new FileMailTransport(config.mail.fileDir),
    },
    EmailsRepository,
    EmailTextsRepository,
    MailSuppressionsRepository,
    OutboxService,
    SendMailProcessor,
    ReconcileOutboxProcessor,
    MailEventsService,
    EmailTextsService,
    MailAttachmentRenderers,
  ],
  exports: [OutboxService, EmailTextsService, MailAttachmentRenderers, MAIL_TRANSPORT],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
