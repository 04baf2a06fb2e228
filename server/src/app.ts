import fs from 'node:fs';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { registerErrorHandler, registerNotFoundHandler, toHttpError } from './http/error-handler.ts';
import { loggerOptions } from './http/request-log.ts';
import { registerPrometheus } from './http/prometheus.ts';
import { registerReadRouting } from './http/read-routing.ts';
import { registerSessionHook } from './http/session.ts';
import type { App } from './http/types.ts';
import { MAX_ATTACHMENT_BYTES } from './modules/activities/attachments.storage.ts';
import { registerActivityRoutes } from './modules/activities/activities.routes.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerAuthRoutes } from './modules/auth/auth.routes.ts';
import { registerHealthRoutes } from './modules/health/health.routes.ts';
import { registerMetricRoutes } from './modules/metrics/metrics.routes.ts';
import { registerOrgRoutes } from './modules/orgs/orgs.routes.ts';
import { registerPeopleRoutes } from './modules/people/people.routes.ts';
import { registerPlanRoutes } from './modules/plans/plans.routes.ts';
import { registerReportRoutes } from './modules/reports/reports.routes.ts';
import { registerUserRoutes } from './modules/users/users.routes.ts';
import { registerDocumentRoutes } from './modules/documents/documents.routes.ts';
import { registerImportRoutes } from './modules/imports/imports.routes.ts';
import { registerPlanImportRoutes } from './modules/plans/plan-import/plan-import.routes.ts';

z.config(z.locales.zhCN());

/** builds the whole app; used by main.ts and by every test */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logLevel === 'silent' || !deps.logLevel ? false : loggerOptions(deps.logLevel),
    genReqId: () => crypto.randomUUID(),
    // a reverse proxy's request id ties its access log to ours; from anyone else the header is not trusted
    requestIdHeader: deps.trustProxy ? 'x-request-id' : false,
    bodyLimit: 1024 * 1024,
    // behind a reverse proxy the client's address and protocol come from X-Forwarded-*; otherwise they are not trusted
    trustProxy: deps.trustProxy ?? false,
    // long path parameters reach the zod schemas, whose errors name the field
    routerOptions: { maxParamLength: 16_384 },
    // errors raised before routing (over-long or malformed path parameters) get the same Chinese answers
    frameworkErrors: (err, _req, reply) => {
      const { status, body } = toHttpError(err);
      void reply.raw.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      info: { title: '巾帼 Jinguo API', description: '妇联工作平台接口', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jg_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5 } });
  const now = deps.now ?? (() => new Date());
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerReadRouting(app, deps.dbObserver);
  registerSessionHook(app, deps.db, now);
  registerPrometheus(app, deps);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerActivityRoutes(app, deps);
  registerMetricRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerPlanImportRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerImportRoutes(app, deps);

  const serveWeb = Boolean(deps.webDir && fs.existsSync(deps.webDir));
  if (serveWeb) {
    // files are looked up per request (a rebuilt web app is served without a restart); hashed assets never
    // change: cache them for a year; .br/.gz copies built by Vite save a weak connection's bytes
    await app.register(fastifyStatic, {
      root: deps.webDir!,
      wildcard: true,
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  registerNotFoundHandler(app, { spaShell: serveWeb });
  await app.ready();
  return app;
}
