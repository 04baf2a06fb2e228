import type { Insertable, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database, OrgKind, SitesTable } from '../db/database.ts';
import { insertInChunks } from './bulk-insert.ts';
import { COMMUNITY_GROUP_NAMES, COUNTY_EXTRA_ORGS, MICRO_HOME_NAMES, WOMEN_GROUP_NAMES, type OrgTier } from './demo-data.ts';
import type { Random } from './demo-random.ts';

/** An org of the demo county as the generators see it. */
export type DemoOrg = {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  kind: OrgKind;
  name: string;
  provinceCode: string;
  tier: OrgTier;
  /** the name without 妇联, e.g. 东关村, used in titles and places */
  shortName: string;
  /** the township a village (or a group of it) belongs to */
  townName: string | null;
};

const tierOfDepth: Record<number, OrgTier> = { 2: 'county', 3: 'township', 4: 'village' };

/** the county's federations, as loaded from the division codes */
export async function readCountyTree(trx: Transaction<Database>, countyPath: string): Promise<DemoOrg[]> {
  const rows = await trx
    .selectFrom('orgs')
    .select(['id', 'parent_id', 'path', 'depth', 'kind', 'name', 'province_code'])
    .where('path', 'like', `${countyPath}%`)
    .orderBy('path')
    .execute();
  const shortNames = new Map(rows.map((r) => [r.id, r.name.replace(/妇联$/, '')]));
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    path: r.path,
    depth: r.depth,
    kind: r.kind,
    name: r.name,
    provinceCode: r.province_code,
    tier: tierOfDepth[r.depth] ?? 'other',
    shortName: shortNames.get(r.id) ?? r.name,
    townName: r.depth === 4 && r.parent_id ? (shortNames.get(r.parent_id) ?? null) : null,
  }));
}

/**
 * Adds what the division codes do not give: new-sector federations, a group member and an online group under
 * the county, women's groups under some villages. Their path segments follow the app's 'x…' scheme.
 */
export async function addOrgsBeyondDivisions(trx: Transaction<Database>, random: Random, tree: DemoOrg[]): Promise<DemoOrg[]> {
  const county = tree.find((o) => o.tier === 'county');
  if (!county) throw new Error('演示县未载入');
  let counter = 0;
  const child = (parent: DemoOrg, kind: OrgKind, name: string): DemoOrg => ({
    id: uuidv7(),
    parentId: parent.id,
    path: `${parent.path}x${String(++counter).padStart(6, '0')}.`,
    depth: parent.depth + 1,
    kind,
    name,
    provinceCode: parent.provinceCode,
    tier: 'other',
    shortName: name.replace(/妇联$|妇女小组$/, ''),
    townName: parent.townName,
  });
  const added = COUNTY_EXTRA_ORGS.map((o) => child(county, o.kind, o.name));
  const villages = tree.filter((o) => o.tier === 'village');
  for (const village of villages.filter((v) => v.shortName === '东关村' || random.chance(0.08))) {
    const names = village.shortName.endsWith('社区') ? COMMUNITY_GROUP_NAMES : WOMEN_GROUP_NAMES;
    for (const groupName of names.slice(0, random.int(1, 2))) added.push(child(village, 'women_group', `${village.shortName}${groupName}`));
  }
  await insertInChunks(
    trx,
    'orgs',
    added.map((o) => ({
      id: o.id,
      parent_id: o.parentId,
      path: o.path,
      depth: o.depth,
      kind: o.kind,
      level: null,
      name: o.name,
      division_code: null,
      province_code: o.provinceCode,
    })),
  );
  return added;
}

/** a women's home (妇女之家) in most villages and every community, and a few micro homes (妇女微家) */
export async function addSites(trx: Transaction<Database>, random: Random, orgs: DemoOrg[]): Promise<number> {
  const sites: Insertable<SitesTable>[] = [];
  const site = (org: DemoOrg, kind: SitesTable['kind'], name: string, address: string | null) =>
    sites.push({ province_code: org.provinceCode, id: uuidv7(), org_id: org.id, kind, name, address });
  for (const village of orgs.filter((o) => o.tier === 'village')) {
    const community = village.shortName.endsWith('社区');
    const address = `山西省晋中市和顺县${village.townName ?? ''}${village.shortName}${community ? '居委会' : '村委会'}`;
    if (community || random.chance(0.85)) site(village, 'womens_home', `${village.shortName}妇女之家`, address);
    if (random.chance(0.07)) site(village, 'micro_home', `${village.shortName}${random.pick(MICRO_HOME_NAMES)}`, address);
  }
  const ecommerce = orgs.find((o) => o.name === '和顺县电子商务协会妇联');
  if (ecommerce) site(ecommerce, 'micro_home', '电商协会“巾帼红”妇女微家', '山西省晋中市和顺县电子商务公共服务中心');
  await insertInChunks(trx, 'sites', sites);
  return sites.length;
}
