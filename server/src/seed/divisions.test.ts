import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../test/fresh-db.ts';
import { unsafeInsertOrg } from '../test/factories.ts';
import { loadDivisions } from './divisions.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await freshDatabase();
});
afterEach(async () => {
  await database.close();
});

const allOrgs = () =>
  database.db.selectFrom('orgs').select(['id', 'parent_id', 'path', 'depth', 'kind', 'level', 'name', 'division_code', 'province_code']).orderBy('path').execute();

describe('loadDivisions', () => {
  it('loads a county with its townships, villages and ancestors', async () => {
    const result = await loadDivisions(database.db, '140723');
    expect(result).toEqual({ total: 195, inserted: 195, existing: 0 });

    const orgs = await allOrgs();
    const byLevel = (level: string) => orgs.filter((o) => o.level === level);
    expect(byLevel('province').map((o) => [o.name, o.path, o.depth, o.parent_id])).toEqual([['山西省妇联', '14.', 0, null]]);
    expect(byLevel('city').map((o) => [o.name, o.path, o.depth])).toEqual([['晋中市妇联', '14.07.', 1]]);
    expect(byLevel('county').map((o) => [o.name, o.path, o.depth, o.division_code])).toEqual([['和顺县妇联', '14.07.23.', 2, '140723']]);
    expect(byLevel('township')).toHaveLength(9);
    expect(byLevel('township').every((o) => o.depth === 3 && /^14\.07\.23\.\d{3}\.$/.test(o.path))).toBe(true);
    expect(byLevel('village')).toHaveLength(183);

    const yixing = orgs.find((o) => o.division_code === '140723100');
    expect(yixing).toMatchObject({ name: '义兴镇妇联', path: '14.07.23.100.' });
    const dongguan = orgs.find((o) => o.name === '东关村妇联');
    expect(dongguan).toMatchObject({ level: 'village', depth: 4, parent_id: yixing?.id, kind: 'federation' });
    expect(dongguan?.path).toBe(`14.07.23.100.${dongguan?.division_code?.slice(9)}.`);
    expect(orgs.find((o) => o.division_code?.startsWith('140723400') && o.level === 'village')?.name).toMatch(/社区妇联$/);

    const byPath = new Map(orgs.map((o) => [o.path, o]));
    for (const o of orgs) {
      expect(o.province_code).toBe('14');
      expect(o.name).toMatch(/妇联$/);
      expect(o.name).not.toMatch(/委员会|委会/);
      if (o.depth > 0) expect(byPath.get(o.path.replace(/[^.]+\.$/, ''))?.id).toBe(o.parent_id);
    }
    expect(new Set(orgs.map((o) => o.id)).size).toBe(195);
  });

  it('is idempotent and adds only what is missing when the province follows', async () => {
    await loadDivisions(database.db, '140723');
    const before = await allOrgs();
    expect(await loadDivisions(database.db, '140723')).toEqual({ total: 195, inserted: 0, existing: 195 });
    expect(await allOrgs()).toEqual(before);

    const province = await loadDivisions(database.db, '14');
    expect(province.existing).toBe(195);
    expect(province.inserted).toBe(province.total - 195);
    const after = await allOrgs();
    expect(after).toHaveLength(province.total);
    const county = after.find((o) => o.division_code === '140723');
    expect(county?.id).toBe(before.find((o) => o.division_code === '140723')?.id);
    expect(after.filter((o) => o.level === 'province')).toHaveLength(1);
    expect(after.filter((o) => o.level === 'city').map((o) => o.name)).toContain('太原市妇联');
  });

  it('keeps federations made by hand at the same paths and hangs the divisions under them', async () => {
    const province = await unsafeInsertOrg(database.db, { segment: '14', name: '山西省妇女联合会' });
    await loadDivisions(database.db, '140723');
    const orgs = await allOrgs();
    expect(orgs.filter((o) => o.path === '14.')).toEqual([expect.objectContaining({ id: province.id, name: '山西省妇女联合会' })]);
    expect(orgs.find((o) => o.path === '14.07.')?.parent_id).toBe(province.id);
  });

  it('refuses a path taken by an org of another kind', async () => {
    await unsafeInsertOrg(database.db, { segment: '14', name: '某协会', kind: 'group_member', level: null });
    await expect(loadDivisions(database.db, '140723')).rejects.toThrow(/已被其他组织占用/);
    expect(await allOrgs()).toHaveLength(1);
  });

  it('names the placeholder cities of municipalities after the province', async () => {
    await loadDivisions(database.db, '110101');
    const orgs = await allOrgs();
    expect(orgs.slice(0, 3).map((o) => o.name)).toEqual(['北京市妇联', '北京市妇联（市辖区）', '东城区妇联']);
    expect(orgs.find((o) => o.division_code === '110101001001')?.name).toBe('多福巷社区妇联');
  });

  it('refuses codes that are not a county, a province or all', async () => {
    await expect(loadDivisions(database.db, '1407')).rejects.toThrow(/不正确/);
    await expect(loadDivisions(database.db, '149999')).rejects.toThrow(/找不到行政区划代码 149999/);
    await expect(loadDivisions(database.db, '99')).rejects.toThrow(/找不到行政区划代码 99/);
  });
});
