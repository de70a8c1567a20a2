import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { RequestHandler } from 'express';
import { Logger } from 'pino';
import { adminBasicAuth } from './auth/admin-basic-auth';
import { LoginService } from './auth/login.service';
import { OrganisersService } from './auth/organisers.service';
import { ProblemDetailsFilter } from './platform/http/problem-details.filter';
import { requestLogging } from './platform/logging/request-logging';
import { MetricsService } from './platform/metrics/metrics.service';
import { JobQueueService } from './platform/queue/job-queue.service';
import { QUEUE_DASHBOARD_PATH, queueDashboard } from './platform/queue/queue-dashboard';

const JSON_LIMIT = '1mb';

/** Everything the HTTP roles add around the controllers. */
export function setUpHttp(app: NestExpressApplication, logger: Logger): void {
  app.disable('x-powered-by');
  app.use(requestLogging(logger));
  app.use(app.get(MetricsService).middleware());
  app.use(jsonBody());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.use(
    QUEUE_DASHBOARD_PATH,
    ...queueDashboard(app.get(JobQueueService).allQueues(), adminBasicAuth(app.get(OrganisersService), app.get(LoginService))),
  );
  setUpOpenApi(app);
}

/** JSON parsing whose errors answer problem+json like every other error. */
function jsonBody(): RequestHandler {
  const parse = express.json({ limit: JSON_LIMIT });
  return (req, res, next) =>
    parse(req, res, (error?: { status?: number; type?: string }) => {
      if (!error) return next();
      const status = error.status ?? 400;
      const detail =
        error.type === 'entity.too.large' ? `The request body is larger than ${JSON_LIMIT}` : 'The request body is not valid JSON';
      res.status(status).type('application/problem+json').json({ type: 'about:blank', title: status === 413 ? 'Payload Too Large' : 'Bad Request', status, detail });
    });
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Plenary')
      .setDescription(
        'Event-planning workflow service: agendas, presenters, registrations, reminders and post-event reports. ' +
          'Errors are application/problem+json; lists are {items, nextCursor}; times carry the event\'s offset.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'Plenary API' });
}
