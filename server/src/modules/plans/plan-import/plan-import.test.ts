import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanImportDraft, PlanImportResult } from '@jinguo/common/plan-import.schema.ts';
import type { PlanDetail, TaskView } from '@jinguo/common/plans.schema.ts';
import { sql } from 'kysely';
import { buildTestApp, type Agent } from '../../../test/build-test-app.ts';
import { multipartFile } from '../../../test/general/entity-fixtures.ts';

/** Reading a plan document into a plan through the API: .docx and pasted text, review, save, refusals. */
const t = await buildTestApp({ now: () => new Date('2026-03-02T04:00:00Z') });
let admin: Agent;
let staff: Agent;
let exec: Agent;
let townB: Agent;
let other: Agent;

beforeAll(async () => {
  admin = await t.login(t.users.countyAdmin);
  staff = await t.login(t.users.townAStaff);
  exec = await t.login(t.users.villageA1Exec);
  townB = await t.login(t.users.townBAdmin);
  other = await t.login(t.users.otherAdmin);
});
afterAll(() => t.close());

const PLAN_LINES = [
  '和顺县妇联2026年工作要点',
  '今年是承上启下的关键一年，全县妇联要围绕中心、服务大局。',
  '一、思想引领',
  '（一）巾帼大宣讲。全年开展巾帼大宣讲不少于120场，覆盖群众8000人次。',
  '宣讲要贴近群众，做到有声有色。',
  '1.组建宣讲队伍，吸纳宣讲骨干40名。',
  '2.去年共开展宣讲96场，今年要在此基础上扩面提质。',
  '二、组织建设',
  '(一)新建妇女微家15个，全县现有妇女之家120个。',
  '（1）每个村至少配备1名联络员。',
  '（2）召开第三次妇女代表大会。',
];

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
async function planDocx(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  return Packer.toBuffer(doc);
}

function upload(agent: Agent, data: Buffer, fileName = 'plan.docx', mimeType = DOCX) {
  return agent.request({ method: 'POST', url: '/api/plans/import/docx', ...multipartFile({ fileName, mimeType, data }) });
}

async function ok<T>(res: Promise<{ statusCode: number; body: string; json: () => unknown }>): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

/** tasks as the plan page shows them: each followed by its children, siblings in their order */
function treeOrder(tasks: TaskView[]): TaskView[] {
  const walk = (parentId: string | null): TaskView[] => tasks.filter((x) => x.parentId === parentId).flatMap((x) => [x, ...walk(x.id)]);
  return walk(null);
}

/** the confirm body a person would send after accepting every node and proposal as read */
function acceptAll(draft: PlanImportDraft, extra: Record<string, unknown> = {}) {
  return {
    ...extra,
    tasks: draft.nodes.map((n) => ({ key: n.key, parentKey: n.parentKey, title: `${n.numbering}${n.title}`, body: n.body })),
    targets: draft.proposals.map((p) => ({
      taskKey: p.nodeKey,
      value: p.value,
      deadline: p.deadline ? `2026-${p.deadline}` : null,
      ...(p.metric ? { metricCode: p.metric.code } : { newMetric: p.newMetric }),
    })),
  };
}

describe('reading a plan', () => {
  it('reads a .docx into a section tree with unnumbered paragraphs in the body of the section above', async () => {
    const draft = await ok<PlanImportDraft>(upload(admin, await planDocx(PLAN_LINES)));
    expect(draft.title).toBe('和顺县妇联2026年工作要点');
    expect(draft.year).toBe(2026);
    const shape = draft.nodes.map((n) => [n.numbering, n.title, n.parentKey ? draft.nodes.find((p) => p.key === n.parentKey)!.numbering : null]);
    expect(shape).toEqual([
      ['一、', '思想引领', null],
      ['（一）', '巾帼大宣讲', '一、'],
      ['1.', '组建宣讲队伍，吸纳宣讲骨干40名', '（一）'],
      ['2.', '去年共开展宣讲96场，今年要在此基础上扩面提质', '（一）'],
      ['二、', '组织建设', null],
      ['(一)', '新建妇女微家15个，全县现有妇女之家120个', '二、'],
      ['（1）', '每个村至少配备1名联络员', '(一)'],
      ['（2）', '召开第三次妇女代表大会', '(一)'],
    ]);
    expect(draft.nodes[1].body).toBe('全年开展巾帼大宣讲不少于120场，覆盖群众8000人次。\n宣讲要贴近群众，做到有声有色。');
  });

  it('reads Word\'s automatic numbering (not in the text) as levels and a table row as one line', async () => {
    const item = (text: string, level: number) => new Paragraph({ text, numbering: { reference: 'plan', level } });
    const row = (cells: string[]) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'plan',
            levels: [
              { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
              { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.LEFT },
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph('和顺县妇联2026年巾帼建功行动方案'),
            new Paragraph('为推动妇女创业就业，制定本方案。'),
            item('工作目标', 0),
            new Paragraph('全年培训农村妇女2000人次，新建巾帼示范基地6个。'),
            item('重点任务', 0),
            item('开展技能培训。举办培训班10期。', 1),
            item('培育创业带头人', 1),
            new Paragraph('培育创业带头人50名。'),
            item('任务清单', 0),
            new Table({ rows: [row(['序号', '任务', '目标', '责任单位']), row(['1', '新建妇女微家', '20个', '组联部']), row(['2', '开展家庭教育讲座', '60场', '家儿部'])] }),
          ],
        },
      ],
    });
    const draft = await ok<PlanImportDraft>(upload(admin, await Packer.toBuffer(doc)));
    const title = (key: string | null) => draft.nodes.find((n) => n.key === key)?.title ?? null;
    expect(draft.nodes.map((n) => [n.title, n.numbering, title(n.parentKey)])).toEqual([
      ['工作目标', '', null],
      ['重点任务', '', null],
      ['开展技能培训', '', '重点任务'],
      ['培育创业带头人', '', '重点任务'],
      ['任务清单', '', null],
    ]);
    expect(draft.nodes[4].body).toBe('序号，任务，目标，责任单位\n1，新建妇女微家，20个，组联部\n2，开展家庭教育讲座，60场，家儿部');
    expect(draft.proposals.map((p) => [p.quote, title(p.nodeKey), p.metric?.code ?? p.newMetric.name])).toEqual([
      ['2000人次', '工作目标', '培训农村妇女人次'],
      ['6个', '工作目标', '新建巾帼示范基地'],
      ['10期', '开展技能培训', 'training_sessions'],
      ['50名', '培育创业带头人', '培育创业带头人人数'],
      ['20个', '任务清单', '新建妇女微家'],
      ['60场', '任务清单', 'family_education_lectures'],
    ]);
  });

  it('proposes the commitments with a metric, leaves the other figures out and says why', async () => {
    const draft = await ok<PlanImportDraft>(admin.post('/api/plans/import/text', { text: PLAN_LINES.join('\n') }));
    expect(draft.proposals.map((p) => [p.quote, p.value, p.unit, p.metric?.code ?? p.newMetric.name])).toEqual([
      ['不少于120场', 120, '场', 'outreach_sessions'],
      ['8000人次', 8000, '人次', 'outreach_attendance'],
      ['40名', 40, '人', '吸纳宣讲骨干人数'],
      ['15个', 15, '个', '新建妇女微家'],
    ]);
    expect(draft.proposals[0].sentence).toBe('全年开展巾帼大宣讲不少于120场，覆盖群众8000人次。');
    expect(draft.skipped.map((s) => [s.quote, s.reason])).toEqual([
      ['96场', '过去的数字'],
      ['120个', '已有的数量'],
      ['1名', '每单位或频次要求'],
      ['三次', '序数或排名'],
    ]);
    expect(draft.mayCreateMetrics).toBe(true);
  });

  it('keeps the deadline a sentence names', async () => {
    const text = '一、任务\n（一）6月底前新建妇女微家10个。\n（二）上半年开展宣讲20场，9月30日前培训执委500人次。\n（三）全年开展家庭教育讲座30场。';
    const draft = await ok<PlanImportDraft>(admin.post('/api/plans/import/text', { text }));
    expect(draft.proposals.map((p) => [p.quote, p.deadline])).toEqual([['10个', '06-30'], ['20场', '06-30'], ['500人次', '09-30'], ['30场', null]]);
  });

  it('reads past a letterhead, takes a range of years as the plan\'s span and leaves out money with its reason', async () => {
    const text = [
      '和顺县妇联文件',
      '和妇字〔2027〕5号',
      '和顺县巾帼宣讲三年行动方案（2027—2029年）',
      '一、年度安排',
      '（一）2027年：启动年。开展宣讲100场，发放创业担保贷款500万元。',
      '（二）2029年：提升年。开展宣讲120场，受众1万人次。',
      '二、措施',
      '依托全县9个乡镇的文明实践所开展宣讲，本表共5项任务。',
    ].join('\n');
    const draft = await ok<PlanImportDraft>(admin.post('/api/plans/import/text', { text }));
    expect([draft.title, draft.year]).toEqual(['和顺县巾帼宣讲三年行动方案（2027—2029年）', 2029]);
    expect(draft.proposals.map((p) => [p.quote, p.metric?.code ?? null])).toEqual([
      ['100场', 'outreach_sessions'],
      ['120场', 'outreach_sessions'],
      ['1万人次', 'outreach_attendance'],
    ]);
    expect(draft.skipped.map((s) => [s.quote, s.reason])).toEqual([
      ['500万元', '没有可用的计量单位（金额、时长）'],
      ['9个', '已有的数量'],
      ['共5项', '文件自身的条目数'],
    ]);
  });

  it('reads a duty report\'s sections as looking back, but for its next steps', async () => {
    const text = ['东关村妇联主席2026年述职报告', '一、履职情况', '全年开展宣讲12场。', '二、下一步打算', '新建妇女微家2个。'].join('\n');
    const draft = await ok<PlanImportDraft>(admin.post('/api/plans/import/text', { text }));
    expect(draft.proposals.map((p) => p.quote)).toEqual(['2个']);
    expect(draft.skipped.map((s) => [s.quote, s.reason])).toEqual([['12场', '工作回顾中的数字']]);
  });

  it('reads full-width digits and numbering, (1) and 1、 styles', async () => {
    const text = '一、组织建设\n１、新建妇女微家１２个\n(1)培训执委３００人次\n(2)覆盖率达到９０％';
    const draft = await ok<PlanImportDraft>(staff.post('/api/plans/import/text', { text }));
    expect(draft.nodes.map((n) => [n.level, n.numbering])).toEqual([[1, '一、'], [3, '1、'], [4, '(1)'], [4, '(2)']]);
    expect(draft.proposals.map((p) => [p.value, p.unit])).toEqual([[12, '个'], [300, '人次'], [90, '%']]);
    expect(draft.mayCreateMetrics).toBe(false);
  });
});

describe('saving a reviewed plan', () => {
  it('creates a draft plan with its tasks and targets in one go, new metrics included', async () => {
    const draft = await ok<PlanImportDraft>(admin.post('/api/plans/import/text', { text: PLAN_LINES.join('\n') }));
    const body = acceptAll(draft, { orgId: t.tree.county.id, year: 2026, title: draft.title });
    const result = await ok<PlanImportResult>(admin.post('/api/plans/import/confirm', body));
    expect(result).toMatchObject({ tasks: 8, targets: 4, metricsCreated: 2 });
    const plan = await ok<PlanDetail>(admin.get(`/api/plans/${result.planId}`));
    expect(plan.plan).toMatchObject({ title: '和顺县妇联2026年工作要点', status: 'draft', year: 2026 });
    expect(treeOrder(plan.tasks).map((x) => [x.title, x.kind])).toEqual([
      ['一、思想引领', 'section'],
      ['（一）巾帼大宣讲', 'section'],
      ['1.组建宣讲队伍，吸纳宣讲骨干40名', 'item'],
      ['2.去年共开展宣讲96场，今年要在此基础上扩面提质', 'item'],
      ['二、组织建设', 'section'],
      ['(一)新建妇女微家15个，全县现有妇女之家120个', 'section'],
      ['（1）每个村至少配备1名联络员', 'item'],
      ['（2）召开第三次妇女代表大会', 'item'],
    ]);
    expect(plan.targets.map((x) => [x.metricName, x.value, x.unit, x.period, x.deadline, x.orgId])).toEqual([
      ['巾帼大宣讲场次', 120, '场', '2026', '2026-12-31', t.tree.county.id],
      ['巾帼大宣讲人次', 8000, '人次', '2026', '2026-12-31', t.tree.county.id],
      ['吸纳宣讲骨干人数', 40, '人', '2026', '2026-12-31', t.tree.county.id],
      ['新建妇女微家', 15, '个', '2026', '2026-12-31', t.tree.county.id],
    ]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', '=', result.planId).execute();
    expect(audit).toEqual([{ action: 'import', entity: 'plan' }]);
  });

  it('adds edited content to an existing draft plan, reusing a metric made before by name and unit', async () => {
    const plan = await ok<{ id: string }>(admin.post('/api/plans', { orgId: t.tree.county.id, year: 2026, title: '县妇联专项计划' }));
    await ok(admin.post('/api/plan-tasks', { planId: plan.id, kind: 'item', title: '已有任务' }));
    const body = {
      tasks: [
        { key: 'a', title: '一、家庭建设' },
        { key: 'b', parentKey: 'a', title: '（一）最美家庭', body: '选树最美家庭30户。' },
      ],
      targets: [
        { taskKey: 'b', newMetric: { name: '新建妇女微家', unit: '个' }, value: 12, deadline: '2026-10-31' },
        { taskKey: 'b', metricCode: 'family_education_lectures', value: 50 },
      ],
    };
    const result = await ok<PlanImportResult>(admin.post(`/api/plans/${plan.id}/import`, body));
    expect(result).toMatchObject({ tasks: 2, targets: 2, metricsCreated: 0 });
    const detail = await ok<PlanDetail>(admin.get(`/api/plans/${plan.id}`));
    expect(treeOrder(detail.tasks).map((x) => [x.title, x.kind, x.sort])).toEqual([['已有任务', 'item', 0], ['一、家庭建设', 'section', 1], ['（一）最美家庭', 'item', 0]]);
    expect(detail.targets.map((x) => [x.metricName, x.value, x.deadline])).toEqual([['新建妇女微家', 12, '2026-10-31'], ['家庭教育讲座场次', 50, '2026-12-31']]);
  });

  it('writes nothing when one part is wrong (one transaction)', async () => {
    const count = async () => Number((await sql<{ n: number }>`select count(*)::int as n from plan_tasks`.execute(t.db)).rows[0].n);
    const before = await count();
    const res = await admin.post('/api/plans/import/confirm', {
      orgId: t.tree.county.id,
      year: 2026,
      title: '不应保存的计划',
      tasks: [{ key: 'a', title: '任务' }],
      targets: [{ taskKey: 'a', newMetric: { name: '一个新指标', unit: '个' }, value: 3 }, { taskKey: 'a', metricCode: 'no_such_metric', value: 1 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('body.targets.1.metricCode');
    expect(await count()).toBe(before);
    expect(await t.db.selectFrom('plans').select('id').where('title', '=', '不应保存的计划').execute()).toEqual([]);
    expect(await t.db.selectFrom('metrics').select('code').where('name', '=', '一个新指标').execute()).toEqual([]);
  });
});

describe('bad input', () => {
  it('refuses files that are not a readable .docx with 400 naming the file, and a huge one with 413', async () => {
    const cases: [Buffer, string, string][] = [
      [Buffer.alloc(0), 'plan.docx', '空'],
      [Buffer.from('一、思想引领\n开展宣讲10场'), 'plan.docx', '不是 Word 文档'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'plan.doc', '.doc'],
      [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]), 'broken.docx', '无法读取'],
      [await planDocx([' ']), 'blank.docx', '没有读到文字'],
    ];
    for (const [data, name, words] of cases) {
      const res = await upload(admin, data, name);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().message).toContain(words);
      expect(res.json().fields[0].path).toBe('file');
    }
    const huge = await upload(admin, Buffer.concat([await planDocx(PLAN_LINES), Buffer.alloc(10 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
    const noFile = await admin.request({ method: 'POST', url: '/api/plans/import/docx', ...multipartFile({ fileName: 'a.txt', mimeType: 'text/plain', data: Buffer.from('x'), field: 'note' }) });
    expect(noFile.statusCode).toBe(400);
  });

  it('refuses bad bodies with 400 naming the field', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/plans/import/text', { text: '   ' }, 'text'],
      ['/api/plans/import/text', { text: 'x'.repeat(100_001) }, 'text'],
      ['/api/plans/import/text', { text: '一、任务', extra: 1 }, 'extra'],
      ['/api/plans/import/confirm', { orgId: t.tree.county.id, year: 2026, title: '计划', tasks: [], targets: [] }, 'tasks'],
      ['/api/plans/import/confirm', { orgId: t.tree.county.id, year: 2026, title: '计划', tasks: [{ key: 'a', title: 'x' }, { key: 'a', title: 'y' }], targets: [] }, 'key'],
      ['/api/plans/import/confirm', { orgId: t.tree.county.id, year: 2026, title: '计划', tasks: [{ key: 'a', parentKey: 'b', title: 'x' }, { key: 'b', title: 'y' }], targets: [] }, 'parentKey'],
      ['/api/plans/import/confirm', { orgId: t.tree.county.id, year: 2026, title: '计划', tasks: [{ key: 'a', title: 'x' }], targets: [{ taskKey: 'z', metricCode: 'outreach_sessions', value: 1 }] }, 'taskKey'],
      ['/api/plans/import/confirm', { orgId: t.tree.county.id, year: 2026, title: '计划', tasks: [{ key: 'a', title: 'x' }], targets: [{ taskKey: 'a', value: 1 }] }, 'metricCode'],
      ['/api/plans/import/confirm', { orgId: t.tree.county.id, year: 2026, title: '计划', tasks: [{ key: 'a', title: 'x' }], targets: [{ taskKey: 'a', metricCode: 'outreach_sessions', value: -1 }] }, 'value'],
      ['/api/plans/import/confirm', { orgId: t.tree.county.id, year: 2026, title: '计划', tasks: [{ key: 'a', title: 'x' }], targets: [{ taskKey: 'a', metricCode: 'outreach_sessions', value: 1, deadline: '2025-12-31' }] }, 'deadline'],
    ];
    for (const [url, body, field] of cases) {
      const res = await admin.post(url, body);
      expect(res.statusCode, `${url} ${field}`).toBe(400);
      const json = res.json();
      expect(`${json.message} ${(json.fields ?? []).map((f: { path: string }) => f.path).join(' ')}`).toContain(field);
      expect(json.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('access', () => {
  const content = { tasks: [{ key: 'a', title: '任务' }], targets: [{ taskKey: 'a', metricCode: 'outreach_sessions', value: 5 }] };

  it('lets only admins and staff read documents into plans', async () => {
    expect((await exec.post('/api/plans/import/text', { text: '一、任务' })).statusCode).toBe(403);
    expect((await upload(exec, await planDocx(PLAN_LINES))).statusCode).toBe(403);
    expect((await exec.post('/api/plans/import/confirm', { orgId: t.tree.villageA1.id, year: 2026, title: '村计划', ...content })).statusCode).toBe(403);
  });

  it('saves only into orgs and plans in the actor subtree (outside → 404)', async () => {
    expect((await townB.post('/api/plans/import/confirm', { orgId: t.tree.townA.id, year: 2026, title: '义兴镇计划', ...content })).statusCode).toBe(404);
    expect((await other.post('/api/plans/import/confirm', { orgId: t.tree.county.id, year: 2026, title: '县计划', ...content })).statusCode).toBe(404);
    expect((await staff.post('/api/plans/import/confirm', { orgId: t.tree.county.id, year: 2026, title: '县计划', ...content })).statusCode).toBe(404);
    const countyPlan = await ok<{ id: string }>(admin.post('/api/plans', { orgId: t.tree.county.id, year: 2026, title: '县妇联另一计划' }));
    expect((await townB.post(`/api/plans/${countyPlan.id}/import`, content)).statusCode).toBe(404);
    const townPlan = await ok<PlanImportResult>(staff.post('/api/plans/import/confirm', { orgId: t.tree.townA.id, year: 2026, title: '义兴镇计划', ...content }));
    expect((await townB.post(`/api/plans/${townPlan.planId}/import`, content)).statusCode).toBe(404);
  });

  it('refuses new metrics from staff (403) and imports into issued plans (409)', async () => {
    const res = await staff.post('/api/plans/import/confirm', {
      orgId: t.tree.townA.id,
      year: 2026,
      title: '义兴镇专项计划',
      tasks: [{ key: 'a', title: '任务' }],
      targets: [{ taskKey: 'a', newMetric: { name: '新建妇女微家', unit: '个' }, value: 3 }],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('管理员');
    const plan = await ok<{ id: string }>(admin.post('/api/plans', { orgId: t.tree.county.id, year: 2026, title: '已下达的计划' }));
    await ok(admin.patch(`/api/plans/${plan.id}`, { status: 'issued' }));
    expect((await admin.post(`/api/plans/${plan.id}/import`, content)).statusCode).toBe(409);
  });
});
