import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocTemplateView, DocumentDetail, FigureView } from '@jinguo/common/documents.schema.ts';
import { buildTestApp, type Agent } from '../../test/build-test-app.ts';

// a clock that moves a millisecond per reading, so that each write has its own updatedAt
let tick = 0;
const t = await buildTestApp({ now: () => new Date(Date.parse('2026-11-25T02:00:00Z') + tick++) });
let county: Agent;
let staff: Agent;
let exec: Agent;
let townB: Agent;
let other: Agent;
let templates: DocTemplateView[];
let doc: DocumentDetail;
let lectureId: string;

const figure = (d: DocumentDetail, key: string): FigureView => {
  const f = d.figures.find((x) => x.key === key);
  if (!f) throw new Error(`no figure ${key} in ${d.figures.map((x) => x.key).join(', ')}`);
  return f;
};
const template = (name: string) => templates.find((x) => x.name === name && x.ownerOrgId === null)!;

async function lecture(agent: Agent, orgId: string, date: string, title: string, participants: number): Promise<string> {
  const res = await agent.post('/api/activities', { orgId, kindCode: 'outreach_lecture', title, date, participants, place: '村委会' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

beforeAll(async () => {
  county = await t.login(t.users.countyAdmin);
  staff = await t.login(t.users.townAStaff);
  exec = await t.login(t.users.villageA1Exec);
  townB = await t.login(t.users.townBAdmin);
  other = await t.login(t.users.otherAdmin);
  lectureId = await lecture(county, t.tree.villageA1.id, '2026-03-10', '巾帼宣讲进东关', 45);
  await lecture(county, t.tree.townB.id, '2026-04-02', '李阳镇巾帼大宣讲', 60);
  await lecture(county, t.tree.townB.id, '2025-12-30', '去年的宣讲', 30);
  templates = (await exec.get('/api/doc-templates')).json().items;
});
afterAll(() => t.close());

describe('templates', () => {
  it('ships the three default templates, with their sections, to everyone', () => {
    expect(templates.filter((x) => x.ownerOrgId === null).map((x) => x.name)).toEqual(['述职报告', '季度工作进展报告', '年度工作总结']);
    expect(template('述职报告').sections.filter((s) => s.level === 1).map((s) => s.title)).toEqual(['主要措施与成效', '存在问题及原因', '下一步打算']);
    expect(template('季度工作进展报告').sections.map((s) => s.body).join()).toContain('{{报送情况}}');
    expect(templates.every((x) => !x.editable)).toBe(true);
  });

  it('lets staff copy a default for their org, seen in its subtree only; defaults never change', async () => {
    const base = template('述职报告');
    const res = await staff.post('/api/doc-templates', {
      orgId: t.tree.townA.id,
      name: '义兴镇述职报告',
      kind: 'duty_report',
      periodType: 'year',
      title: base.title,
      sections: [...base.sections, { level: 2, title: '家庭教育', body: '开展家庭教育讲座{{指标:family_education_lectures}}。' }],
      copiedFromId: base.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const own = res.json() as DocTemplateView;
    expect(own).toMatchObject({ ownerOrgId: t.tree.townA.id, editable: true, copiedFromId: base.id });
    expect((await exec.get(`/api/doc-templates/${own.id}`)).statusCode).toBe(200);
    expect((await townB.get(`/api/doc-templates/${own.id}`)).statusCode).toBe(404);
    expect((await townB.get('/api/doc-templates')).json().items.map((x: DocTemplateView) => x.id)).not.toContain(own.id);
    const renamed = await staff.patch(`/api/doc-templates/${own.id}`, { name: '义兴镇妇联述职报告' });
    expect(renamed.json().name).toBe('义兴镇妇联述职报告');
    const fixed = await county.patch(`/api/doc-templates/${base.id}`, { name: '改名' });
    expect(fixed.statusCode).toBe(403);
    expect(fixed.json().message).toContain('复制');
    expect((await exec.post('/api/doc-templates', { name: 'x', kind: 'other', periodType: 'year', title: 'x', sections: [{ level: 1, title: 'a', body: '' }] })).statusCode).toBe(403);
  });

  it('refuses unknown placeholders and metrics, naming the section', async () => {
    const bad = (body: string) =>
      staff.post('/api/doc-templates', { name: '坏模板', kind: 'other', periodType: 'year', title: '标题', sections: [{ level: 1, title: '一', body: 'ok' }, { level: 1, title: '二', body }] });
    for (const [body, word] of [['{{指标:no_such_metric}}', '指标不存在'], ['{{数字}}', '无法识别'], ['{{活动:no_kind}}', '活动类型']] as const) {
      const res = await bad(body);
      expect(res.statusCode, body).toBe(400);
      expect(res.json().message).toContain(word);
      expect(res.json().fields[0].path).toBe('body.sections.1.body');
    }
  });
});

describe('documents', () => {
  it('generates a draft for an org and a period with the figures filled in from the records', async () => {
    const res = await county.post('/api/documents', { templateId: template('述职报告').id, orgId: t.tree.county.id, period: '2026' });
    expect(res.statusCode, res.body).toBe(200);
    doc = res.json();
    expect(doc.title).toBe('和顺县妇联2026年度述职报告');
    expect(doc.issuer).toBe('和顺县妇联');
    expect(doc.issueDate).toBe('2026-11-25');
    expect(doc.sections[0].body).toContain('2026年，和顺县妇联');
    expect(figure(doc, '指标:outreach_sessions')).toMatchObject({ value: 2, text: '2场', recordCount: 2, stale: false });
    expect(figure(doc, '指标:outreach_attendance')).toMatchObject({ value: 105, unit: '人次' });
    expect(figure(doc, '指标:outreach_sessions').link).toBe(`/activities?metricCode=outreach_sessions&period=2026&orgId=${t.tree.county.id}`);
    expect(doc.staleCount).toBe(0);
    const list = await county.get(`/api/documents?orgId=${t.tree.county.id}&period=2026`);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: doc.id, templateName: '述职报告', orgName: '和顺县妇联' }] });
  });

  it('counts only the subtree of the org it is made for', async () => {
    const res = await staff.post('/api/documents', { templateId: template('述职报告').id, orgId: t.tree.townA.id, period: '2026' });
    expect(res.statusCode, res.body).toBe(200);
    expect(figure(res.json(), '指标:outreach_sessions')).toMatchObject({ value: 1, text: '1场' });
  });

  it('refuses a template switched off', async () => {
    const own = (await staff.get('/api/doc-templates')).json().items.find((x: DocTemplateView) => x.ownerOrgId === t.tree.townA.id);
    expect((await staff.patch(`/api/doc-templates/${own.id}`, { active: false })).json().active).toBe(false);
    const res = await staff.post('/api/documents', { templateId: own.id, orgId: t.tree.townA.id, period: '2026' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('body.templateId');
    await staff.patch(`/api/doc-templates/${own.id}`, { active: true });
  });

  it('refuses a period that does not match the template, naming the field', async () => {
    const res = await county.post('/api/documents', { templateId: template('述职报告').id, orgId: t.tree.county.id, period: '2026Q1' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('body.period');
  });

  it('saves the narrative, fills in placeholders added while editing and refuses unknown ones', async () => {
    const sections = doc.sections.map((s, i) => (i === 0 ? { ...s, body: `${s.body}\n全年组织两癌筛查{{指标:health_screenings}}，惠及{{组织}}辖区妇女。` } : s));
    sections[4] = { ...sections[4], body: '基层执委履职能力参差不齐，部分村妇联活动阵地不足。' };
    const res = await county.patch(`/api/documents/${doc.id}`, { sections, issuer: '和顺县妇女联合会', issueDate: '2026-11-30', expectedUpdatedAt: doc.updatedAt });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as DocumentDetail;
    expect(saved.sections[0].body).toContain('惠及和顺县妇联辖区妇女');
    expect(saved.sections[4].body).toBe('基层执委履职能力参差不齐，部分村妇联活动阵地不足。');
    expect(figure(saved, '指标:health_screenings')).toMatchObject({ value: 0, text: '0人' });
    expect(saved).toMatchObject({ issuer: '和顺县妇女联合会', issueDate: '2026-11-30' });
    const stale = await county.patch(`/api/documents/${doc.id}`, { title: '旧稿', expectedUpdatedAt: doc.updatedAt });
    expect(stale.statusCode).toBe(409);
    const bad = await county.patch(`/api/documents/${doc.id}`, { sections: [{ level: 1, title: '一', body: '{{指标:nope}}' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('body.sections.0.body');
    const titled = await county.patch(`/api/documents/${doc.id}`, { title: '{{组织}}{{年度}}年度述职报告' });
    expect(titled.json().title).toBe('和顺县妇联2026年度述职报告');
    doc = titled.json();
  });

  it('flags the figures whose records changed as stale, and refreshes them', async () => {
    const changed = await county.patch(`/api/activities/${lectureId}`, { participants: 50 });
    expect(changed.statusCode, changed.body).toBe(200);
    const read = (await county.get(`/api/documents/${doc.id}`)).json() as DocumentDetail;
    expect(figure(read, '指标:outreach_attendance')).toMatchObject({ value: 105, stale: true });
    expect(figure(read, '指标:outreach_sessions').stale).toBe(true);
    expect(figure(read, '指标:study_sessions').stale).toBe(false);
    expect(read.staleCount).toBe(2);
    const refreshed = await county.post(`/api/documents/${doc.id}/refresh`, {});
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(figure(refreshed.json(), '指标:outreach_attendance')).toMatchObject({ value: 110, text: '110人次', stale: false });
    expect(refreshed.json().staleCount).toBe(0);
    await lecture(county, t.tree.villageA2.id, '2026-06-01', '西关村宣讲', 20);
    const again = (await county.get(`/api/documents/${doc.id}`)).json() as DocumentDetail;
    expect(figure(again, '指标:outreach_sessions')).toMatchObject({ value: 2, stale: true });
    const one = await county.post(`/api/documents/${doc.id}/refresh`, { keys: ['指标:outreach_sessions'] });
    expect(figure(one.json(), '指标:outreach_sessions')).toMatchObject({ value: 3, stale: false });
    expect(figure(one.json(), '指标:outreach_attendance').stale).toBe(true);
    expect((await county.post(`/api/documents/${doc.id}/refresh`, { keys: ['指标:unknown'] })).statusCode).toBe(400);
    doc = (await county.post(`/api/documents/${doc.id}/refresh`, {})).json();
  });

  it('downloads a .docx in the official format with the appendix of records', async () => {
    const res = await county.get(`/api/documents/${doc.id}/docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('和顺县妇联2026年度述职报告.docx')}`);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
    const { value: text } = await mammoth.extractRawText({ buffer: res.rawPayload });
    expect(text).toContain('和顺县妇联2026年度述职报告');
    expect(text).toContain('一、主要措施与成效');
    expect(text).toContain('（一）加强思想政治引领');
    expect(text).toContain('开展巾帼大宣讲3场，覆盖妇女群众130人次');
    expect(text).toContain('全年组织两癌筛查0人');
    expect(text).toContain('附件：数据来源');
    expect(text).toContain('2026年11月30日');
    expect(text).toContain('巾帼宣讲进东关');
    expect(text).toContain('西关村宣讲');
    expect(text).not.toContain('去年的宣讲');
    expect(text).not.toContain('{{');
  });

  it('fills targets with their progress and the lists of activities', async () => {
    const plan = (await county.post('/api/plans', { orgId: t.tree.county.id, year: 2026, title: '和顺县妇联2026年工作要点' })).json();
    const task = (await county.post('/api/plan-tasks', { planId: plan.id, kind: 'section', title: '思想引领' })).json();
    const target = await county.post('/api/targets', { taskId: task.id, orgId: t.tree.county.id, metricCode: 'outreach_sessions', value: 10, period: '2026', deadline: '2026-12-31' });
    expect(target.statusCode, target.body).toBe(200);
    expect((await county.patch(`/api/plans/${plan.id}`, { status: 'issued' })).statusCode).toBe(200);
    const made = await county.post('/api/documents', { templateId: template('年度工作总结').id, orgId: t.tree.county.id, period: '2026' });
    expect(made.statusCode, made.body).toBe(200);
    const summary = made.json() as DocumentDetail;
    const targets = figure(summary, '目标进展');
    expect(targets).toMatchObject({ kind: 'targets', value: 1, link: `/plans/${plan.id}` });
    expect(targets.items[0]).toContain('巾帼大宣讲场次：目标10场，完成3场（30%）');
    const lectures = figure(summary, '活动:outreach_lecture');
    expect(lectures).toMatchObject({ kind: 'activities', value: 3, recordCount: 3 });
    expect(lectures.items.join()).toContain('3月10日，东关村妇联开展“巾帼宣讲进东关”，参加50人次');
    const quarterly = await county.post('/api/documents', { templateId: template('季度工作进展报告').id, orgId: t.tree.county.id, period: '2026Q2' });
    expect(quarterly.statusCode, quarterly.body).toBe(200);
    expect(figure(quarterly.json(), '报送情况')).toMatchObject({ kind: 'completeness', text: '本期暂无需要下级单位报送的报表' });
    expect(figure(quarterly.json(), '指标:outreach_sessions').value).toBe(2);
  });
});

describe('the sources table', () => {
  it('lists every record behind every figure, and says which figures changed since', async () => {
    const read = async () => {
      const res = await county.get(`/api/documents/${doc.id}/sources`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      const rows: string[][] = [];
      sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return { sheet, rows };
    };
    const { sheet, rows } = await read();
    expect(rows[0][0]).toBe('和顺县妇联2026年度述职报告——数据来源');
    expect(rows[1][0]).toContain('单位：和顺县妇联');
    expect(rows[2]).toEqual(['数字', '序号', '日期', '组织', '名称', '参加人数或情况']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const lectures = rows.filter((r) => r[0] === '巾帼大宣讲场次（文中3场）');
    expect(lectures.map((r) => r[4]).sort()).toEqual(['巾帼宣讲进东关', '李阳镇巾帼大宣讲', '西关村宣讲']);
    await lecture(county, t.tree.townA.id, '2026-07-01', '义兴镇宣讲', 30);
    const after = (await read()).rows.filter((r) => r[0].startsWith('巾帼大宣讲场次'));
    expect(after).toHaveLength(4);
    expect(after[0][0]).toBe('巾帼大宣讲场次（文中3场，记录已变化，现为4场）');
  });
});

describe('access', () => {
  it('lets executives read and download but not write', async () => {
    const read = await exec.get(`/api/documents/${doc.id}`);
    expect(read.statusCode).toBe(404);
    const own = await staff.post('/api/documents', { templateId: template('述职报告').id, orgId: t.tree.villageA1.id, period: '2026' });
    expect(own.statusCode).toBe(200);
    const mine = await exec.get(`/api/documents/${own.json().id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().mayEdit).toBe(false);
    expect((await exec.get(`/api/documents/${own.json().id}/docx`)).statusCode).toBe(200);
    expect((await exec.patch(`/api/documents/${own.json().id}`, { title: '改' })).statusCode).toBe(403);
    expect((await exec.post(`/api/documents/${own.json().id}/refresh`, {})).statusCode).toBe(403);
    expect((await exec.del(`/api/documents/${own.json().id}`)).statusCode).toBe(403);
    expect((await exec.post('/api/documents', { templateId: template('述职报告').id, orgId: t.tree.villageA1.id, period: '2026' })).statusCode).toBe(403);
  });

  it('answers 404 to another county and to a sibling township, and lists none of it', async () => {
    for (const agent of [other, townB]) {
      expect((await agent.get(`/api/documents/${doc.id}`)).statusCode).toBe(404);
      expect((await agent.get(`/api/documents/${doc.id}/docx`)).statusCode).toBe(404);
      expect((await agent.patch(`/api/documents/${doc.id}`, { title: '改' })).statusCode).toBe(404);
      expect((await agent.del(`/api/documents/${doc.id}`)).statusCode).toBe(404);
      expect((await agent.post('/api/documents', { templateId: template('述职报告').id, orgId: t.tree.county.id, period: '2026' })).statusCode).toBe(404);
      expect((await agent.get('/api/documents')).body).not.toContain(doc.id);
    }
  });

  it('deletes a draft with an audit row', async () => {
    const made = (await staff.post('/api/documents', { templateId: template('述职报告').id, orgId: t.tree.townA.id, period: '2025' })).json();
    expect((await staff.del(`/api/documents/${made.id}`)).statusCode).toBe(200);
    expect((await staff.get(`/api/documents/${made.id}`)).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'document').where('entity_id', '=', made.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'delete']);
  });
});
