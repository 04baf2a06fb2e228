import { auditList, auditListQuery } from '@jinguo/common/audit.schema.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { listAudit } from './audit.service.ts';

export function registerAuditRoutes(app: App, deps: AppDeps) {
  app.get('/api/audit', { config: { reads: 'replica' }, schema: { tags: ['审计'], summary: '审计日志', querystring: auditListQuery, response: { 200: auditList } } }, (req) =>
    listAudit(deps.db, requireActor(req.actor), req.query),
  );
}
