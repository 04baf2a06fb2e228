import { afterAll, expect, it } from 'vitest';
import { seedDemoReports } from '../../seed/demo-reports.ts';
import { buildTestApp } from '../../test/build-test-app.ts';

const t = await buildTestApp({ now: () => new Date('2026-11-25T02:00:00Z') });
afterAll(() => t.close());

it("seeds the county's quarterly form and last quarter's reports, which the API reads", async () => {
  const { formId } = await t.db.transaction().execute((trx) => seedDemoReports(trx, { countyPath: t.tree.county.path, today: '2026-11-25' }));
  const county = await t.login(t.users.countyAdmin);
  const res = await county.get(`/api/completeness?formId=${formId}&period=2026Q3`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().totals).toMatchObject({ expected: 2, returned: 1 });
  const due = (await (await t.login(t.users.townAStaff)).get('/api/reports/due')).json().items;
  expect(due).toEqual([expect.objectContaining({ formId, period: '2026Q3', status: 'returned', overdue: true })]);
  const detail = await county.get(`/api/reports/${due[0].reportId}`);
  expect(detail.json().events.map((e: { action: string }) => e.action)).toEqual(['create', 'save', 'submit', 'return']);
});
