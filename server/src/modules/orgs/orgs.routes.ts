import {
  closeOrgBody,
  createOrgBody,
  moveOrgBody,
  orgChildrenQuery,
  orgChildrenResult,
  orgDetail,
  orgSearchQuery,
  orgSearchResult,
  renameOrgBody,
} from '@jinguo/common/orgs.schema.ts';
import { idParams } from '@jinguo/common/fields.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { closeOrg, createOrg, moveOrg, renameOrg } from './org-structure.service.ts';
import { getOrg, getRootOrg, listChildren, searchOrgs } from './orgs.service.ts';
import { registerSiteRoutes } from './sites.routes.ts';

const tags = ['组织'];

export function registerOrgRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  app.get('/api/orgs/root', { schema: { tags, summary: '本级组织', response: { 200: orgDetail } } }, (req) =>
    getRootOrg(deps.db, requireActor(req.actor)),
  );
  app.get(
    '/api/orgs/search',
    { config: { reads: 'replica' }, schema: { tags, summary: '按名称查找本辖区内的组织', querystring: orgSearchQuery, response: { 200: orgSearchResult } } },
    (req) => searchOrgs(deps.db, requireActor(req.actor), { ...req.query, includeClosed: req.query.includeClosed === 'true' }),
  );
  app.get('/api/orgs/:id', { schema: { tags, summary: '组织详情', params: idParams, response: { 200: orgDetail } } }, (req) =>
    getOrg(deps.db, requireActor(req.actor), req.params.id),
  );
  app.get(
    '/api/orgs/:id/children',
    { schema: { tags, summary: '下级组织', params: idParams, querystring: orgChildrenQuery, response: { 200: orgChildrenResult } } },
    (req) => listChildren(deps.db, requireActor(req.actor), req.params.id, { includeClosed: req.query.includeClosed === 'true' }),
  );
  app.post('/api/orgs', { schema: { tags, summary: '新建组织', body: createOrgBody, response: { 200: orgDetail } } }, (req) =>
    createOrg(deps.db, requireActor(req.actor), req.body, now()),
  );
  app.patch(
    '/api/orgs/:id',
    { schema: { tags, summary: '重命名组织', params: idParams, body: renameOrgBody, response: { 200: orgDetail } } },
    (req) => renameOrg(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
  app.post(
    '/api/orgs/:id/close',
    { schema: { tags, summary: '撤销组织', params: idParams, body: closeOrgBody, response: { 200: orgDetail } } },
    (req) => closeOrg(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
  app.post(
    '/api/orgs/:id/move',
    { schema: { tags, summary: '移动组织（连同下级）', params: idParams, body: moveOrgBody, response: { 200: orgDetail } } },
    (req) => moveOrg(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
  registerSiteRoutes(app, deps);
}
