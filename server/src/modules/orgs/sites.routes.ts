import { createSiteBody, siteList, siteListQuery, siteSchema, updateSiteBody } from '@jinguo/common/orgs.schema.ts';
import { idParams } from '@jinguo/common/fields.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { createSite, listSites, updateSite } from './sites.service.ts';

const tags = ['阵地'];

export function registerSiteRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  app.get(
    '/api/orgs/:id/sites',
    { schema: { tags, summary: '组织的阵地（妇女之家、妇女微家）', params: idParams, querystring: siteListQuery, response: { 200: siteList } } },
    (req) => listSites(deps.db, requireActor(req.actor), req.params.id, { includeClosed: req.query.includeClosed === 'true' }),
  );
  app.post('/api/sites', { schema: { tags, summary: '新增阵地', body: createSiteBody, response: { 200: siteSchema } } }, (req) =>
    createSite(deps.db, requireActor(req.actor), req.body, now()),
  );
  app.patch(
    '/api/sites/:id',
    { schema: { tags, summary: '修改阵地', params: idParams, body: updateSiteBody, response: { 200: siteSchema } } },
    (req) => updateSite(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
}
