import type { Agent, TestApp } from '../../test/build-test-app.ts';

/** Definitions the reports tests share, made through the API by the county admin. */
export async function createTestMetrics(county: Agent) {
  const make = async (body: object) => {
    const res = await county.post('/api/report-forms/metrics', body);
    if (res.statusCode !== 200) throw new Error(`metric: ${res.statusCode} ${res.body}`);
    return res.json().code as string;
  };
  return {
    homes: await make({ name: '新建妇女微家', unit: '个', valueType: 'number', rollup: 'sum' }),
    satisfaction: await make({ name: '群众满意度', unit: '%', valueType: 'number', rollup: 'avg' }),
    meeting: await make({ name: '是否召开执委会', unit: '次', valueType: 'boolean' }),
  };
}
export type TestMetrics = Awaited<ReturnType<typeof createTestMetrics>>;

export async function createTestForm(county: Agent, m: TestMetrics, respondentLevel: 'township' | 'village' | null) {
  const res = await county.post('/api/report-forms', {
    name: '妇女工作季报',
    periodType: 'quarter',
    respondentLevel,
    opensOffsetDays: -10,
    dueOffsetDays: 5,
    fields: [
      { kind: 'metric', metricCode: 'outreach_sessions' },
      { kind: 'metric', metricCode: m.homes },
      { kind: 'metric', metricCode: m.satisfaction, required: false },
      { kind: 'metric', metricCode: m.meeting, required: false },
      { kind: 'narrative', label: '工作亮点', required: true },
    ],
  });
  if (res.statusCode !== 200) throw new Error(`form: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

/** opens, fills in and submits the unit's report; returns its id */
export async function fillAndSubmit(agent: Agent, q: { formId: string; orgId: string; period: string; values: { metricCode: string; value: number | boolean }[] }) {
  const created = await agent.post('/api/reports', { formId: q.formId, orgId: q.orgId, period: q.period });
  if (created.statusCode !== 200) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const id = created.json().id as string;
  const saved = await agent.patch(`/api/reports/${id}`, { values: q.values, narrative: { 工作亮点: '开展巾帼大宣讲' } });
  if (saved.statusCode !== 200) throw new Error(`save: ${saved.statusCode} ${saved.body}`);
  const submitted = await agent.post(`/api/reports/${id}/submit`);
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.statusCode} ${submitted.body}`);
  return id;
}

export async function loginAll<K extends string>(t: TestApp, extra: Record<K, string>) {
  const agents = {
    county: await t.login(t.users.countyAdmin),
    townA: await t.login(t.users.townAStaff),
    townB: await t.login(t.users.townBAdmin),
    exec: await t.login(t.users.villageA1Exec),
    other: await t.login(t.users.otherAdmin),
  };
  const more = {} as Record<K, Agent>;
  for (const k of Object.keys(extra) as K[]) more[k] = await t.login(extra[k]);
  return { ...agents, ...more };
}
