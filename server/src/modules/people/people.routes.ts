import { idParams } from '@jinguo/common/fields.ts';
import {
  createPersonBody,
  personList,
  personListQuery,
  personSchema,
  unmaskBody,
  unmaskResponse,
  updatePersonBody,
} from '@jinguo/common/people.schema.ts';
import type { AppDeps } from '../../deps.ts';
import { requireActor } from '../../http/session.ts';
import type { App } from '../../http/types.ts';
import { createPerson, getPerson, listPersons, unmaskPersonNumber, updatePerson } from './people.service.ts';
import { attachmentDisposition } from '../../http/xlsx.ts';
import { exportPersons } from './people.export.ts';
import { registerPositionRoutes } from './positions.routes.ts';

const tags = ['人员'];

export function registerPeopleRoutes(app: App, deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  app.get(
    '/api/persons',
    { config: { reads: 'replica' }, schema: { tags, summary: '人员列表（含下级组织）', querystring: personListQuery, response: { 200: personList } } },
    (req) => listPersons(deps, requireActor(req.actor), req.query),
  );
  app.get('/api/persons/export', { config: { reads: 'replica' }, schema: { tags, summary: '导出人员名册（.xlsx，手机号、身份证号掩码）', querystring: personListQuery } }, async (req, reply) => {
    const file = await exportPersons(deps, requireActor(req.actor), req.query, now());
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachmentDisposition(file.fileName)).send(file.data);
  });
  app.post('/api/persons', { schema: { tags, summary: '新增人员', body: createPersonBody, response: { 200: personSchema } } }, (req) =>
    createPerson(deps, requireActor(req.actor), req.body),
  );
  app.get('/api/persons/:id', { schema: { tags, summary: '人员详情', params: idParams, response: { 200: personSchema } } }, (req) =>
    getPerson(deps.db, requireActor(req.actor), req.params.id),
  );
  app.patch(
    '/api/persons/:id',
    { schema: { tags, summary: '修改人员', params: idParams, body: updatePersonBody, response: { 200: personSchema } } },
    (req) => updatePerson(deps, requireActor(req.actor), req.params.id, req.body, now()),
  );
  app.post(
    '/api/persons/:id/unmask',
    { schema: { tags, summary: '查看完整手机号或身份证号（记入审计）', params: idParams, body: unmaskBody, response: { 200: unmaskResponse } } },
    (req) => unmaskPersonNumber(deps, requireActor(req.actor), req.params.id, req.body),
  );
  registerPositionRoutes(app, deps);
}
