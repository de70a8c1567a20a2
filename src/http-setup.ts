import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import express, { RequestHandler, Response } from 'express';
import { Logger } from 'pino';
import { adminBasicAuth } from './auth/admin-basic-auth';
import { LoginService } from './auth/login.service';
import { OrganisersService } from './auth/organisers.service';
import { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/config.module';
import { checkJsonBody, MAX_JSON_DEPTH } from './platform/http/json-body-check';
import { FieldError } from './platform/http/problem';
import { openApiDocument } from './platform/http/openapi/openapi-document';
import { ProblemDetailsFilter } from './platform/http/problem-details.filter';
import { responseCompression } from './platform/http/response-compression';
import { requestLogging } from './platform/logging/request-logging';
import { MetricsService } from './platform/metrics/metrics.service';
import { FleetStatusService } from './platform/maintenance/fleet-status.service';
import { heartbeatQueueWorkers } from './platform/maintenance/heartbeat-queue-workers';
import { JobQueueService } from './platform/queue/job-queue.service';
import { QUEUE_DASHBOARD_PATH, queueDashboard } from './platform/queue/queue-dashboard';
import { COOKIES } from './web/web-cookies';

const JSON_LIMIT = '1mb';
/** Registration imports: tens of thousands of lines. */
const CSV_LIMIT = '10mb';

/** Everything the HTTP roles add around the controllers. */
export function setUpHttp(app: NestExpressApplication, logger: Logger): void {
  app.disable('x-powered-by');
  // Behind a load balancer the client's address is in X-Forwarded-For; only the hops
  // TRUST_PROXY names may set it, so a client cannot pick its own rate-limit key.
  app.set('trust proxy', app.get<AppConfig>(APP_CONFIG).http.trustProxy);
  app.use(requestLogging(logger));
  app.use(app.get(MetricsService).middleware());
  app.use(responseCompression());
  app.use(jsonBody());
  app.use(express.text({ type: 'text/csv', limit: CSV_LIMIT }));
  app.use('/assets', express.static(join(__dirname, 'web', 'assets'), { maxAge: '1h', index: false, fallthrough: true }));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.use(
    QUEUE_DASHBOARD_PATH,
    ...queueDashboard(
      app.get(JobQueueService).allQueues(),
      adminBasicAuth(app.get(OrganisersService), app.get(LoginService), COOKIES.session),
      app.get<AppConfig>(APP_CONFIG).queue.backend === 'postgres' ? heartbeatQueueWorkers(app.get(FleetStatusService)) : undefined,
    ),
  );
  setUpOpenApi(app);
}

/**
 * JSON parsing whose errors answer problem+json like every other error. Text
 * containing NUL is refused here for every route: Postgres cannot store it, and
 * it would otherwise surface as a 500 from whichever insert met it first.
 */
function jsonBody(): RequestHandler {
  const parse = express.json({ limit: JSON_LIMIT });
  return (req, res, next) =>
    parse(req, res, (error?: { status?: number; type?: string }) => {
      if (error) {
        const status = error.status ?? 400;
        const detail =
          error.type === 'entity.too.large' ? `The request body is larger than ${JSON_LIMIT}` : 'The request body is not valid JSON';
        return problem(res, status, detail);
      }
      const fault = checkJsonBody(req.body);
      if (fault?.kind === 'too-deep') {
        return problem(res, 400, `The request body is nested more than ${MAX_JSON_DEPTH} levels deep`, [
          { field: fault.path || '(body)', message: `nested more than ${MAX_JSON_DEPTH} levels deep` },
        ]);
      }
      if (fault?.kind === 'nul') {
        return problem(
          res,
          400,
          'Text must not contain the NUL character',
          fault.paths.map((field) => ({ field: field || '(body)', message: 'contains the NUL character' })),
        );
      }
      next();
    });
}

function problem(res: Response, status: number, detail: string, errors?: FieldError[]): void {
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: 'about:blank', title: STATUS_CODES[status], status, detail, ...(errors ? { errors } : {}) });
}

/** Built on the first request for it, so it costs the boot nothing. */
function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'docs-json', customSiteTitle: 'Plenary API' });
}
