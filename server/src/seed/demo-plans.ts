import type { Insertable, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { periodRange } from '@jinguo/common/periods.ts';
import type { Database, PlanTasksTable, TargetsTable } from '../db/database.ts';
import { metricValue } from '../modules/metrics/metric-values.queries.ts';
import { elapsedShare } from '../modules/plans/plan-progress.ts';
import { listSplitChildren } from '../modules/plans/plans.queries.ts';
import { largestRemainder } from '../modules/plans/target-split.service.ts';

/**
 * The demo county's plan for this year (和顺县妇联 N 年工作要点), issued: four sections of tasks; numeric targets
 * on derived metrics split to the townships in proportion to their villages, and 义兴镇's parts split on to its
 * villages; yes/no milestones, one done. Each target is set a little above what this year's records reach by the
 * end of the year at today's pace, so that the split shows townships on track and behind. Written straight to the
 * tables in the seed's transaction (no audit rows: the seed has no actor).
 */
type Org = { id: string; path: string; depth: number; province_code: string; name: string };
type TargetSpec = { metricCode: string; kinds: string[]; aggregation: 'count_activities' | 'sum_participants'; splitTo: 'villages' | 'none' };
type ItemSpec = { title: string; body: string; target?: TargetSpec; milestone?: { deadline: string; done: boolean } };

const SECTIONS: { title: string; items: ItemSpec[] }[] = [
  {
    title: '一、强化思想政治引领',
    items: [
      { title: '深入开展巾帼大宣讲', body: '围绕党的创新理论和惠民政策，组织巾帼宣讲进村入户。', target: { metricCode: 'outreach_sessions', kinds: ['outreach_lecture'], aggregation: 'count_activities', splitTo: 'villages' } },
      { title: '扩大宣讲覆盖面', body: '宣讲受众以农村妇女、留守妇女为重点。', target: { metricCode: 'outreach_attendance', kinds: ['outreach_lecture'], aggregation: 'sum_participants', splitTo: 'none' } },
    ],
  },
  {
    title: '二、加强基层组织建设',
    items: [
      { title: '开展执委履职能力培训', body: '基层执委在活动期内轮训一遍。', target: { metricCode: 'exec_training_attendance', kinds: ['exec_training'], aggregation: 'sum_participants', splitTo: 'villages' } },
      { title: '完成村（社区）妇联换届“回头看”', body: '对换届后执委配备情况逐村核查。', milestone: { deadline: '06-30', done: true } },
    ],
  },
  {
    title: '三、服务妇女儿童和家庭',
    items: [
      { title: '开展家庭教育讲座', body: '每个乡镇每季度至少一场。', target: { metricCode: 'family_education_lectures', kinds: ['family_education'], aggregation: 'count_activities', splitTo: 'villages' } },
      { title: '组织巾帼志愿服务', body: '关爱困难妇女、留守儿童。', target: { metricCode: 'volunteer_attendance', kinds: ['volunteer_service'], aggregation: 'sum_participants', splitTo: 'none' } },
    ],
  },
  {
    title: '四、维护妇女儿童合法权益',
    items: [{ title: '开展“美好生活·民法典相伴”宣传月', body: '三八期间集中开展普法宣传。', milestone: { deadline: '11-30', done: false } }],
  },
];

/** a target a little above the year-end figure at today's pace (at least 1) */
async function targetValueFor(trx: Transaction<Database>, org: Org, spec: TargetSpec, year: number, today: string): Promise<number> {
  const value = await metricValue(trx, { orgId: org.id, orgPath: org.path, depth: org.depth, provinceCode: org.province_code, kindCodes: spec.kinds, aggregation: spec.aggregation, ...periodRange(String(year)) });
  const share = Math.max(elapsedShare(String(year), `${year}-12-31`, today), 0.05);
  return Math.max(1, Math.round((value / share) * 1.02));
}

type Ctx = { trx: Transaction<Database>; planId: string; year: number; today: string; targets: Insertable<TargetsTable>[] };

/** parts of a target for the federations below an org, in proportion to their villages */
async function splitByVillages(ctx: Ctx, parent: Insertable<TargetsTable>, org: Org): Promise<{ part: Insertable<TargetsTable>; child: Org }[]> {
  const children = await listSplitChildren(ctx.trx, org.id);
  if (children.length === 0) return [];
  const weights = children.map((c) => Math.max(Number(c.villages), 1));
  const values = largestRemainder(Number(parent.value), weights, 1);
  parent.split_method = 'proportional';
  parent.split_basis = 'villages';
  return children.map((c, i) => ({
    child: { id: c.id, path: c.path, depth: c.depth, province_code: c.province_code, name: c.name },
    part: { ...parent, id: uuidv7(), org_id: c.id, parent_target_id: parent.id, value: values[i], split_method: null, split_basis: null },
  }));
}

async function addNumericTarget(ctx: Ctx, task: Insertable<PlanTasksTable>, county: Org, spec: TargetSpec) {
  const top: Insertable<TargetsTable> = {
    province_code: county.province_code, id: uuidv7(), plan_id: ctx.planId, task_id: task.id, org_id: county.id,
    metric_code: spec.metricCode, value: await targetValueFor(ctx.trx, county, spec, ctx.year, ctx.today), period: String(ctx.year), deadline: `${ctx.year}-12-31`,
  };
  ctx.targets.push(top);
  if (spec.splitTo === 'none') return;
  for (const { part, child } of await splitByVillages(ctx, top, county)) {
    ctx.targets.push(part);
    if (child.name === '义兴镇妇联') for (const further of await splitByVillages(ctx, part, child)) ctx.targets.push(further.part);
  }
}

export async function seedDemoPlans(trx: Transaction<Database>, opts: { countyPath: string; today: string; createdBy?: string | null }): Promise<{ planId: string }> {
  const county = await trx.selectFrom('orgs').select(['id', 'path', 'depth', 'province_code', 'name']).where('path', '=', opts.countyPath).executeTakeFirstOrThrow();
  const year = Number(opts.today.slice(0, 4));
  const planId = uuidv7();
  await trx
    .insertInto('plans')
    .values({ province_code: county.province_code, id: planId, org_id: county.id, year, title: `${county.name}${year}年工作要点`, status: 'issued', issued_at: new Date(`${year}-01-15T02:00:00Z`), created_by: opts.createdBy ?? null })
    .execute();
  const ctx: Ctx = { trx, planId, year, today: opts.today, targets: [] };
  const tasks: Insertable<PlanTasksTable>[] = [];
  for (const [s, section] of SECTIONS.entries()) {
    const sectionRow = { province_code: county.province_code, id: uuidv7(), plan_id: planId, parent_id: null, kind: 'section' as const, title: section.title, owner_org_id: county.id, sort: s };
    tasks.push(sectionRow);
    for (const [i, item] of section.items.entries()) {
      const deadline = item.milestone ? `${year}-${item.milestone.deadline}` : `${year}-12-31`;
      const task = { province_code: county.province_code, id: uuidv7(), plan_id: planId, parent_id: sectionRow.id, kind: 'item' as const, title: item.title, body: item.body, owner_org_id: county.id, deadline, sort: i };
      tasks.push(task);
      if (item.target) await addNumericTarget(ctx, task, county, item.target);
      if (item.milestone) {
        const doneOn = item.milestone.done && `${year}-06-20` <= opts.today ? `${year}-06-20` : null;
        ctx.targets.push({ province_code: county.province_code, id: uuidv7(), plan_id: planId, task_id: task.id, org_id: county.id, metric_code: null, value: null, period: String(year), deadline, milestone_done_on: doneOn });
      }
    }
  }
  await trx.insertInto('plan_tasks').values(tasks).execute();
  await trx.insertInto('targets').values(ctx.targets).execute();
  return { planId };
}
