import { sql, type Insertable, type Updateable } from 'kysely';
import type { PlansTable, PlanTasksTable, TargetsTable } from '../../db/database.ts';
import { subtreePattern, type Db } from '../../http/access.ts';

/** Plans, their tasks and targets. Plans are read through the org tree: the actor's subtree and issued plans above it. */
const planColumns = [
  'p.id',
  'p.province_code',
  'p.org_id',
  'p.year',
  'p.title',
  'p.status',
  'p.issued_at',
  'p.copied_from_id',
  'o.name as org_name',
  'o.path as org_path',
] as const;

function plansWithOrg(db: Db) {
  return db.selectFrom('plans as p').innerJoin('orgs as o', 'o.id', 'p.org_id').select(planColumns);
}
export type PlanRow = Awaited<ReturnType<ReturnType<typeof plansWithOrg>['executeTakeFirstOrThrow']>>;

/** plans whose org lies in the subtree, or (issued only) on the line above the actor's org */
export function listPlanRows(db: Db, q: { actorPath: string; subtreePath: string; includeAncestors: boolean; year?: number }) {
  let query = plansWithOrg(db).where((eb) => {
    const inSubtree = eb('o.path', 'like', subtreePattern(q.subtreePath));
    if (!q.includeAncestors) return inSubtree;
    return eb.or([inSubtree, eb.and([eb('p.status', '=', 'issued'), eb(sql.val(q.actorPath), 'like', sql<string>`o.path || '%'`)])]);
  });
  if (q.year !== undefined) query = query.where('p.year', '=', q.year);
  return query.orderBy('p.year', 'desc').orderBy('o.depth').orderBy('p.created_at').execute();
}

export function findPlanRow(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const q = plansWithOrg(db).where('p.id', '=', id);
  return (opts.lock ? q.forUpdate('p') : q).executeTakeFirst();
}

/** another plan of the org for the year with this title */
export function findPlanWithTitle(db: Db, q: { orgId: string; year: number; title: string; exceptId?: string }) {
  let query = db.selectFrom('plans').select('id').where('org_id', '=', q.orgId).where('year', '=', q.year).where('title', '=', q.title);
  if (q.exceptId) query = query.where('id', '!=', q.exceptId);
  return query.executeTakeFirst();
}

export async function insertPlan(trx: Db, row: Insertable<PlansTable>) {
  await trx.insertInto('plans').values(row).execute();
}

export async function updatePlanRow(trx: Db, key: { provinceCode: string; id: string }, patch: Updateable<PlansTable>) {
  await trx.updateTable('plans').set(patch).where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}

export async function deletePlanRow(trx: Db, key: { provinceCode: string; id: string }) {
  await trx.deleteFrom('plans').where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}

export function listTaskRows(db: Db, key: { provinceCode: string; planId: string }) {
  return db
    .selectFrom('plan_tasks as t')
    .leftJoin('orgs as oo', 'oo.id', 't.owner_org_id')
    .leftJoin('persons as op', (j) => j.onRef('op.province_code', '=', 't.province_code').onRef('op.id', '=', 't.owner_person_id'))
    .selectAll('t')
    .select(['oo.name as owner_org_name', 'op.name as owner_person_name'])
    .where('t.province_code', '=', key.provinceCode)
    .where('t.plan_id', '=', key.planId)
    .orderBy('t.sort')
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}
export type TaskRow = Awaited<ReturnType<typeof listTaskRows>>[number];

export function findTaskRow(db: Db, id: string) {
  return db.selectFrom('plan_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTask(trx: Db, row: Insertable<PlanTasksTable>) {
  await trx.insertInto('plan_tasks').values(row).execute();
}

/** the sort key after the last sibling, so that a new task goes to the end of its section */
export async function nextTaskSort(trx: Db, q: { provinceCode: string; planId: string; parentId: string | null }): Promise<number> {
  const row = await trx
    .selectFrom('plan_tasks')
    .select((eb) => eb.fn.max('sort').as('last'))
    .where('province_code', '=', q.provinceCode)
    .where('plan_id', '=', q.planId)
    .where((eb) => (q.parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', q.parentId)))
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

export async function updateTaskRow(trx: Db, key: { provinceCode: string; id: string }, patch: Updateable<PlanTasksTable>) {
  await trx.updateTable('plan_tasks').set(patch).where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}

export async function deleteTaskRow(trx: Db, key: { provinceCode: string; id: string }) {
  await trx.deleteFrom('plan_tasks').where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}

function targetsWithOrg(db: Db) {
  return db
    .selectFrom('targets as g')
    .innerJoin('orgs as o', 'o.id', 'g.org_id')
    .leftJoin('metrics as m', 'm.code', 'g.metric_code')
    .selectAll('g')
    .select(['o.name as org_name', 'o.path as org_path', 'o.depth as org_depth', 'm.name as metric_name', 'm.unit as unit', 'm.source as metric_source', 'm.aggregation', 'm.kind_codes', 'm.rollup']);
}
export type TargetRow = Awaited<ReturnType<ReturnType<typeof targetsWithOrg>['executeTakeFirstOrThrow']>>;

/** the targets of a plan whose org lies on the actor's line: in its subtree or above it */
export function listTargetRowsOnLine(db: Db, q: { provinceCode: string; planId: string; actorPath: string }) {
  return targetsWithOrg(db)
    .where('g.province_code', '=', q.provinceCode)
    .where('g.plan_id', '=', q.planId)
    .where((eb) => eb.or([eb('o.path', 'like', subtreePattern(q.actorPath)), eb(sql.val(q.actorPath), 'like', sql<string>`o.path || '%'`)]))
    .orderBy('o.depth')
    .orderBy('o.path')
    .orderBy('g.created_at')
    .orderBy('g.id')
    .execute();
}

/** every target of a plan, as stored */
export function listPlanTargets(db: Db, key: { provinceCode: string; planId: string }) {
  return db.selectFrom('targets').selectAll().where('province_code', '=', key.provinceCode).where('plan_id', '=', key.planId).execute();
}

export function findTargetRow(db: Db, id: string) {
  return targetsWithOrg(db).where('g.id', '=', id).executeTakeFirst();
}

export function listPartRows(db: Db, parent: { provinceCode: string; id: string }) {
  return targetsWithOrg(db).where('g.province_code', '=', parent.provinceCode).where('g.parent_target_id', '=', parent.id).orderBy('o.path').execute();
}

export async function insertTargets(trx: Db, rows: Insertable<TargetsTable>[]) {
  if (rows.length > 0) await trx.insertInto('targets').values(rows).execute();
}

export async function updateTargetRow(trx: Db, key: { provinceCode: string; id: string }, patch: Updateable<TargetsTable>) {
  await trx.updateTable('targets').set(patch).where('province_code', '=', key.provinceCode).where('id', '=', key.id).execute();
}

export async function deleteTargetRows(trx: Db, provinceCode: string, ids: string[]) {
  if (ids.length > 0) await trx.deleteFrom('targets').where('province_code', '=', provinceCode).where('id', 'in', ids).execute();
}

/** the active federations directly below an org, with their population and the villages in their subtrees */
export function listSplitChildren(db: Db, parentId: string) {
  return db
    .selectFrom('orgs as c')
    .where('c.parent_id', '=', parentId)
    .where('c.status', '=', 'active')
    .where('c.kind', '=', 'federation')
    .select(['c.id', 'c.name', 'c.path', 'c.depth', 'c.population', 'c.province_code'])
    .select((eb) =>
      eb
        .selectFrom('orgs as v')
        .whereRef('v.path', 'like', sql<string>`c.path || '%'`)
        .where('v.level', '=', 'village')
        .where('v.status', '=', 'active')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('villages'),
    )
    .orderBy('c.path')
    .execute();
}
export type SplitChildRow = Awaited<ReturnType<typeof listSplitChildren>>[number];

export function findPersonOrg(db: Db, personId: string) {
  return db.selectFrom('persons as p').innerJoin('orgs as o', 'o.id', 'p.org_id').select(['p.id', 'o.path']).where('p.id', '=', personId).executeTakeFirst();
}
