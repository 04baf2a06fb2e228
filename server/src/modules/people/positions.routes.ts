import { idParams, okSchema } from '@jinguo/common/fields.ts';
import { createPositionBody, endPositionBody, positionList, positionSchema, rosterQuery } from '@jinguo/common/people.schema.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { attachmentDisposition } from '../../http/xlsx.ts';
import { exportRoster } from './positions.export.ts';
import { createPosition, deletePosition, endPosition, getRoster, listPersonPositions } from './positions.service.ts';

const tags = ['职务'];

export function registerPositionRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  app.get(
    '/api/orgs/:id/roster',
    { schema: { tags, summary: '组织的任职名单', params: idParams, querystring: rosterQuery, response: { 200: positionList } } },
    (req) =>
      getRoster(deps.db, requireActor(req.actor), req.params.id, { includeEnded: req.query.includeEnded === 'true', today: todayInShanghai(now()) }),
  );
  app.get('/api/orgs/:id/roster/export', { schema: { tags, summary: '导出组织的任职名单（.xlsx）', params: idParams, querystring: rosterQuery } }, async (req, reply) => {
    const q = { includeEnded: req.query.includeEnded === 'true', today: todayInShanghai(now()) };
    const file = await exportRoster(deps.db, requireActor(req.actor), req.params.id, q);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachmentDisposition(file.fileName)).send(file.data);
  });
  app.get(
    '/api/persons/:id/positions',
    { schema: { tags, summary: '人员的任职经历', params: idParams, response: { 200: positionList } } },
    (req) => listPersonPositions(deps.db, requireActor(req.actor), req.params.id),
  );
  app.post('/api/positions', { schema: { tags, summary: '新增任职', body: createPositionBody, response: { 200: positionSchema } } }, (req) =>
    createPosition(deps.db, requireActor(req.actor), req.body),
  );
  app.post(
    '/api/positions/:id/end',
    { schema: { tags, summary: '离任', params: idParams, body: endPositionBody, response: { 200: positionSchema } } },
    (req) => endPosition(deps.db, requireActor(req.actor), req.params.id, req.body, now()),
  );
  app.delete('/api/positions/:id', { schema: { tags, summary: '删除误录的任职', params: idParams, response: { 200: okSchema } } }, (req) =>
    deletePosition(deps.db, requireActor(req.actor), req.params.id),
  );
}
