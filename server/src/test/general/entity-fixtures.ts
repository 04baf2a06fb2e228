import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Agent, TestApp } from '../build-test-app.ts';
import type { TestOrg } from '../factories.ts';
import type { ValueContext } from './json-schema-values.ts';
import { resourceOfParam, type Operation } from './openapi-walker.ts';

/**
 * One entity of each kind, made through the API in township A's (or B's) subtree by the county admin, so that
 * path ids of every operation exist. Kinds whose create endpoint has not landed yet are skipped (and listed).
 * Keys are the resource names of the paths (/api/<resource>/{id}).
 */
export type Fixtures = {
  place: Place;
  /** resource → id (or code) of the entity made for it */
  ids: Record<string, string>;
  /** every id made in the township's subtree, its own orgs included: must never leak out of it */
  subtreeIds: string[];
  /** codes of the definitions made by the county admin (owned by the county): invisible to other provinces */
  definitionCodes: string[];
  /** search words that match the entities' names */
  searchWords: string[];
  /** create operations that failed (a module bug, or this file is behind a schema change) */
  problems: string[];
  /** create operations not in the OpenAPI document yet */
  skipped: string[];
};

/** resources named by a code and shared by a subtree rather than owned by one org */
export const DEFINITIONS = new Set(['activity-kinds', 'metrics']);

export const FIXTURE_PASSWORD = 'Fixture-Pass-2026!';
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export function multipartFile(opts: { fileName: string; mimeType: string; data: Buffer; field?: string }) {
  const boundary = `----jinguo${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${opts.field ?? 'file'}"; filename="${opts.fileName}"\r\nContent-Type: ${opts.mimeType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), opts.data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** a one-row activity sheet, for the import fixture */
async function activitySheet(orgName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('活动台账');
  sheet.addRow(['组织', '活动类型', '活动名称', '活动日期', '参加人数']);
  sheet.addRow([orgName, '其他', '导入的活动', '2026-01-12', 8]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** where a set of fixtures is made: a township, one of its villages and a second village */
export type Place = {
  key: 'A' | 'B';
  town: TestOrg;
  village: TestOrg;
  sibling: TestOrg;
  names: Record<'org' | 'site' | 'person' | 'activity' | 'kind' | 'metric' | 'user', string>;
  phone: string;
  idNumber: string;
};

export function placeOf(t: TestApp, key: 'A' | 'B'): Place {
  if (key === 'A') {
    return {
      key,
      town: t.tree.townA,
      village: t.tree.villageA1,
      sibling: t.tree.villageA2,
      names: { org: '义兴镇巾帼志愿者协会', site: '义兴镇妇女之家', person: '义兴张秀英', activity: '义兴东关村巾帼宣讲', kind: '义兴议事会', metric: '义兴议事会场次', user: 'towna_admin_fx' },
      phone: '13800138000',
      idNumber: '11010519491231002X',
    };
  }
  return {
    key,
    town: t.tree.townB,
    village: t.tree.villageB1,
    sibling: t.tree.villageB2,
    names: { org: '李阳镇巾帼志愿者协会', site: '李阳镇妇女之家', person: '李阳王桂兰', activity: '李阳村巾帼宣讲', kind: '李阳议事会', metric: '李阳议事会场次', user: 'townb_admin_fx' },
    phone: '13700137000',
    idNumber: '140723198001010025',
  };
}

type Step = {
  resource: string;
  op: string;
  /** the request, given what was made before; null when a prerequisite is missing */
  send: (admin: Agent, ids: Record<string, string>, p: Place) => Promise<LightMyRequestResponse> | null;
  idOf?: (body: Record<string, unknown>) => string;
};

const steps: Step[] = [
  {
    resource: 'orgs',
    op: 'POST /api/orgs',
    send: (a, _ids, p) => a.post('/api/orgs', { parentId: p.town.id, name: p.names.org, kind: 'new_sector' }),
  },
  {
    resource: 'sites',
    op: 'POST /api/sites',
    send: (a, _ids, p) => a.post('/api/sites', { orgId: p.town.id, kind: 'womens_home', name: p.names.site, address: '镇政府院内' }),
  },
  {
    resource: 'persons',
    op: 'POST /api/persons',
    send: (a, _ids, p) =>
      a.post('/api/persons', { orgId: p.village.id, name: p.names.person, gender: 'female', phone: p.phone, idNumber: p.idNumber }),
  },
  {
    resource: 'positions',
    op: 'POST /api/positions',
    send: (a, ids, p) =>
      ids.persons ? a.post('/api/positions', { personId: ids.persons, orgId: p.village.id, role: 'chair', startDate: '2025-01-01' }) : null,
  },
  {
    resource: 'users',
    op: 'POST /api/users',
    send: (a, _ids, p) =>
      a.post('/api/users', { username: p.names.user, displayName: `${p.names.person}管理员`, orgId: p.town.id, role: 'admin', password: FIXTURE_PASSWORD }),
  },
  {
    resource: 'activity-kinds',
    op: 'POST /api/activity-kinds',
    send: (a, _ids, p) => a.post('/api/activity-kinds', { name: p.names.kind, participantUnit: '人次' }),
    idOf: (b) => String(b.code),
  },
  {
    resource: 'activities',
    op: 'POST /api/activities',
    send: (a, ids, p) =>
      a.post('/api/activities', {
        orgId: p.village.id,
        kindCode: ids['activity-kinds'] ?? 'other',
        title: p.names.activity,
        date: '2026-01-10',
        participants: 12,
        place: '村委会',
        ...(ids.persons ? { participantIds: [ids.persons] } : {}),
      }),
  },
  {
    resource: 'attachments',
    op: 'POST /api/activities/{id}/attachments',
    send: (a, ids) =>
      ids.activities
        ? a.request({
            method: 'POST',
            url: `/api/activities/${ids.activities}/attachments?kind=photo`,
            ...multipartFile({ fileName: 'photo.png', mimeType: 'image/png', data: TINY_PNG }),
          })
        : null,
  },
  {
    resource: 'metrics',
    op: 'POST /api/metrics',
    send: (a, ids, p) =>
      a.post('/api/metrics', { name: p.names.metric, unit: '场', aggregation: 'count_activities', kindCodes: [ids['activity-kinds'] ?? 'other'] }),
    idOf: (b) => String(b.code),
  },
  {
    resource: 'plans',
    op: 'POST /api/plans',
    send: (a, _ids, p) => a.post('/api/plans', { orgId: p.town.id, year: 2026, title: `${p.town.name}2026年工作计划` }),
  },
  {
    resource: 'plan-tasks',
    op: 'POST /api/plan-tasks',
    send: (a, ids) => (ids.plans ? a.post('/api/plan-tasks', { planId: ids.plans, kind: 'section', title: '一、组织建设' }) : null),
  },
  {
    resource: 'targets',
    op: 'POST /api/targets',
    send: (a, ids, p) =>
      ids['plan-tasks']
        ? a.post('/api/targets', { taskId: ids['plan-tasks'], orgId: p.town.id, metricCode: 'activities_total', value: 10, period: '2026', deadline: '2026-12-31' })
        : null,
  },
  {
    resource: 'report-forms',
    op: 'POST /api/report-forms',
    send: (a, ids, p) =>
      a.post('/api/report-forms', {
        orgId: p.town.id,
        name: `${p.town.name}年度报表`,
        periodType: 'year',
        respondentLevel: 'village',
        opensOffsetDays: -366,
        fields: [{ kind: 'metric', metricCode: ids.metrics ?? 'activities_total' }, { kind: 'narrative', label: '工作亮点' }],
      }),
  },
  {
    resource: 'reports',
    op: 'POST /api/reports',
    send: (a, ids, p) => (ids['report-forms'] ? a.post('/api/reports', { formId: ids['report-forms'], orgId: p.village.id, period: '2026' }) : null),
  },
  {
    resource: 'doc-templates',
    op: 'POST /api/doc-templates',
    send: (a, _ids, p) =>
      a.post('/api/doc-templates', {
        orgId: p.town.id,
        name: `${p.town.name}述职报告`,
        kind: 'duty_report',
        periodType: 'year',
        title: '{{组织}}{{年度}}年度述职报告',
        sections: [{ level: 1, title: '主要措施与成效', body: '开展巾帼大宣讲{{指标:outreach_sessions}}。' }],
      }),
  },
  {
    resource: 'documents',
    op: 'POST /api/documents',
    send: (a, ids, p) => (ids['doc-templates'] ? a.post('/api/documents', { templateId: ids['doc-templates'], orgId: p.village.id, period: '2026' }) : null),
  },
  {
    resource: 'reminders',
    op: 'POST /api/completeness/chase',
    send: (a, ids, p) => (ids['report-forms'] ? a.post('/api/completeness/chase', { formId: ids['report-forms'], period: '2026', orgId: p.town.id }) : null),
    idOf: (b) => String((b.units as { reminderId: string }[])[0].reminderId),
  },
  {
    resource: 'imports',
    op: 'POST /api/imports',
    send: async (a, _ids, p) =>
      a.request({
        method: 'POST',
        url: '/api/imports?kind=activities',
        ...multipartFile({ fileName: '活动台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: await activitySheet(p.village.name) }),
      }),
  },
];

/** the fixtures of township A (default) or B, made by the county admin */
export async function createFixtures(t: TestApp, operations: Operation[], key: 'A' | 'B' = 'A'): Promise<Fixtures> {
  const admin = await t.login(t.users.countyAdmin);
  const available = new Set(operations.map((o) => o.key));
  const place = placeOf(t, key);
  const fx: Fixtures = {
    place,
    ids: {},
    subtreeIds: [place.town.id, place.village.id, place.sibling.id],
    searchWords: [place.names.person.slice(0, 2), place.village.name.slice(0, 2), place.names.person.slice(2), place.names.org.slice(3, 8)],
    definitionCodes: [],
    problems: [],
    skipped: [],
  };
  for (const step of steps) {
    if (!available.has(step.op)) {
      fx.skipped.push(step.op);
      continue;
    }
    const res = await step.send(admin, fx.ids, place);
    if (!res) {
      fx.skipped.push(`${step.op} (prerequisite missing)`);
      continue;
    }
    if (res.statusCode >= 300) {
      fx.problems.push(`${step.op} → ${res.statusCode} ${res.body.slice(0, 300)}`);
      continue;
    }
    const body = res.json() as Record<string, unknown>;
    const id = step.idOf ? step.idOf(body) : String(body.id);
    fx.ids[step.resource] = id;
    (DEFINITIONS.has(step.resource) ? fx.definitionCodes : fx.subtreeIds).push(id);
  }
  return fx;
}

/** ids by property name, all in the fixtures' township (its first village where an org must be low) */
export function fixtureValues(fx: Fixtures, overrides: Record<string, string | undefined> = {}): ValueContext {
  const byName: Record<string, string | undefined> = {
    orgId: fx.place.village.id,
    parentId: fx.place.town.id,
    newParentId: fx.place.sibling.id,
    personId: fx.ids.persons,
    participantId: fx.ids.persons,
    kindCode: fx.ids['activity-kinds'],
    metricCode: fx.ids.metrics,
    attachmentId: fx.ids.attachments,
    formId: fx.ids['report-forms'],
    planId: fx.ids.plans,
    taskId: fx.ids['plan-tasks'],
    templateId: fx.ids['doc-templates'],
    ...overrides,
  };
  return { known: (name) => byName[name] };
}

/** path values from the fixtures; a well-formed value that names nothing where no fixture exists */
export function fixturePathValues(op: Operation, fx: Fixtures): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of op.pathParams) {
    values[p.name] = fx.ids[resourceOfParam(op.path, p.name)] ?? (p.schema.format === 'uuid' ? '0190c5a8-0000-7000-8000-000000000000' : 'no_such_code_zz');
  }
  return values;
}

/** whether every path parameter of the operation names a fixture */
export function pathResolves(op: Operation, fx: Fixtures): boolean {
  return op.pathParams.every((p) => fx.ids[resourceOfParam(op.path, p.name)] !== undefined);
}
