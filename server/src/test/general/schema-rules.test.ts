import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { freshDatabase, type TestDatabase } from '../fresh-db.ts';

/**
 * The rules that keep the schema ready for Citus (DESIGN.md, "Scale beyond one machine"), checked on the
 * migrated catalog, and the one distribution script checked against it: every table decided, every table
 * with province_code distributed by it and co-located.
 */
type Db = Kysely<Database> | Transaction<Database>;
const DISTRIBUTE_SQL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations/citus/distribute.sql');
/** reference tables that carry province_code as a plain attribute (which province an org is in) */
const REFERENCE_WITH_PROVINCE = new Set(['orgs']);

type Distribution = {
  reference: string[];
  distributed: { table: string; column: string; colocateWith: string | null }[];
  local: string[];
  /** tables passed to citus_add_local_table_to_metadata */
  addedToMetadata: string[];
};

function parseDistribution(script: string): Distribution {
  const localLine = /^--\s*coordinator-local:\s*(.+)$/m.exec(script)?.[1] ?? '';
  const code = script.replace(/--.*$/gm, '');
  const reference = [...code.matchAll(/create_reference_table\(\s*'([a-z_0-9]+)'/g)].map((m) => m[1]);
  const distributed = [
    ...code.matchAll(/create_distributed_table\(\s*'([a-z_0-9]+)'\s*,\s*'([a-z_0-9]+)'(?:\s*,\s*colocate_with\s*=>\s*'([a-z_0-9]+)')?/g),
  ].map((m) => ({ table: m[1], column: m[2], colocateWith: m[3] ?? null }));
  const addedToMetadata = [...code.matchAll(/citus_add_local_table_to_metadata\(\s*'([a-z_0-9]+)'/g)].map((m) => m[1]);
  const local = localLine.split(',').map((s) => s.trim()).filter(Boolean);
  return { reference, distributed, local, addedToMetadata };
}

type Catalog = {
  tables: string[];
  provinceTables: Set<string>;
  constraints: { name: string; type: 'p' | 'u' | 'f' | 'x'; table: string; target: string | null; columns: string[]; targetColumns: string[] }[];
  uniqueIndexes: { name: string; table: string; columns: string[] }[];
  triggers: { name: string; table: string }[];
  sequenced: { table: string; column: string; how: string }[];
};

async function readCatalog(db: Db): Promise<Catalog> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db);
  const province = await sql<{ name: string }>`
    select table_name as name from information_schema.columns
    where table_schema = 'public' and column_name = 'province_code'`.execute(db);
  const constraints = await sql<Catalog['constraints'][number]>`
    select c.conname as name, c.contype as type, src.relname as table, tgt.relname as target,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
      array(select a.attname::text from unnest(coalesce(c.confkey, '{}')) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as "targetColumns"
    from pg_constraint c
    join pg_class src on src.oid = c.conrelid
    join pg_namespace ns on ns.oid = src.relnamespace and ns.nspname = 'public'
    left join pg_class tgt on tgt.oid = c.confrelid
    where c.contype in ('p', 'u', 'f', 'x')
    order by 3, 1`.execute(db);
  const uniqueIndexes = await sql<Catalog['uniqueIndexes'][number]>`
    select i.relname as name, t.relname as table,
      array(select a.attname::text from unnest(x.indkey::int2[]) k(n)
            join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n) as columns
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace ns on ns.oid = t.relnamespace and ns.nspname = 'public'
    where x.indisunique
    order by 2, 1`.execute(db);
  const triggers = await sql<Catalog['triggers'][number]>`
    select tg.tgname as name, t.relname as table from pg_trigger tg
    join pg_class t on t.oid = tg.tgrelid
    join pg_namespace ns on ns.oid = t.relnamespace and ns.nspname = 'public'
    where not tg.tgisinternal`.execute(db);
  const sequenced = await sql<Catalog['sequenced'][number]>`
    select table_name as table, column_name as column,
      case when is_identity = 'YES' then 'identity' else column_default end as how
    from information_schema.columns
    where table_schema = 'public' and (is_identity = 'YES' or column_default ilike '%nextval(%')`.execute(db);
  return {
    tables: tables.rows.map((r) => r.name),
    provinceTables: new Set(province.rows.map((r) => r.name)),
    constraints: constraints.rows,
    uniqueIndexes: uniqueIndexes.rows,
    triggers: triggers.rows,
    sequenced: sequenced.rows,
  };
}

/** every break of the Citus rules in the catalog, each naming its table and constraint */
function citusRuleViolations(cat: Catalog, referenceTables: Set<string>): string[] {
  const distributed = new Set([...cat.provinceTables].filter((t) => !referenceTables.has(t)));
  const kindOf = (t: string) => (distributed.has(t) ? 'distributed' : referenceTables.has(t) ? 'reference' : 'local');
  const out: string[] = [];
  for (const t of distributed) {
    const pk = cat.constraints.find((c) => c.table === t && c.type === 'p');
    if (!pk) out.push(`${t}: no primary key`);
    else if (!pk.columns.includes('province_code')) out.push(`${t}: primary key ${pk.name} (${pk.columns.join(', ')}) lacks province_code`);
  }
  for (const c of cat.constraints.filter((x) => (x.type === 'u' || x.type === 'x') && distributed.has(x.table))) {
    if (!c.columns.includes('province_code')) out.push(`${c.table}: unique constraint ${c.name} (${c.columns.join(', ')}) lacks province_code`);
  }
  for (const i of cat.uniqueIndexes.filter((x) => distributed.has(x.table))) {
    if (!i.columns.includes('province_code')) out.push(`${i.table}: unique index ${i.name} (${i.columns.join(', ') || 'expression'}) lacks province_code`);
  }
  for (const fk of cat.constraints.filter((x) => x.type === 'f' && x.target)) {
    const from = kindOf(fk.table);
    const to = kindOf(fk.target as string);
    const label = `${fk.table}: foreign key ${fk.name} (${fk.columns.join(', ')}) → ${fk.target} (${fk.targetColumns.join(', ')})`;
    if (from === 'distributed' && to === 'distributed') {
      const at = fk.columns.indexOf('province_code');
      if (at < 0 || fk.targetColumns[at] !== 'province_code') out.push(`${label} between distributed tables lacks province_code → province_code`);
    } else if (to !== 'reference' && from !== to) {
      out.push(`${label}: a ${from} table may refer only to reference tables${from === 'distributed' ? ' and distributed ones' : ''}, not to a ${to} one`);
    } else if (from === 'reference' && to !== 'reference') {
      out.push(`${label}: a reference table refers to a ${to} table`);
    }
  }
  for (const tg of cat.triggers) out.push(`${tg.table}: trigger ${tg.name} (Citus refuses triggers on distributed tables; keep the logic in the application)`);
  for (const s of cat.sequenced.filter((x) => cat.provinceTables.has(x.table))) {
    out.push(`${s.table}.${s.column}: ${s.how} — a counter shared across provinces; use UUIDv7 made by the app`);
  }
  return out;
}

let database: TestDatabase;
let catalog: Catalog;
const distribution = parseDistribution(fs.readFileSync(DISTRIBUTE_SQL, 'utf8'));

beforeAll(async () => {
  database = await freshDatabase();
  catalog = await readCatalog(database.db);
});
afterAll(() => database.close());

describe('schema rules for distribution by province (on the migrated schema)', () => {
  it('keeps province_code in the keys of every distributed table, no triggers, no sequences, and foreign keys Citus accepts', () => {
    expect(catalog.provinceTables.size).toBeGreaterThan(3);
    expect(citusRuleViolations(catalog, new Set(distribution.reference))).toEqual([]);
  });

  it('notices a table that breaks the rules (the check can fail)', async () => {
    const found = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`create table zz_bad (province_code char(2) not null, id uuid primary key, n serial, code text unique)`.execute(trx);
        await sql`create function zz_noop() returns trigger language plpgsql as 'begin return new; end'`.execute(trx);
        await sql`create trigger zz_tg before insert on zz_bad for each row execute function zz_noop()`.execute(trx);
        const violations = citusRuleViolations(await readCatalog(trx), new Set(distribution.reference));
        throw Object.assign(new Error('rollback'), { violations });
      })
      .catch((e: { violations?: string[] }) => e.violations ?? []);
    const zz = found.filter((v) => v.startsWith('zz_bad'));
    expect(zz.some((v) => v.includes('primary key zz_bad_pkey'))).toBe(true);
    expect(zz.some((v) => v.includes('unique constraint zz_bad_code_key'))).toBe(true);
    expect(zz.some((v) => v.includes('trigger zz_tg'))).toBe(true);
    expect(zz.some((v) => v.includes('zz_bad.n: nextval'))).toBe(true);
  });
});

describe('server/src/db/migrations/citus/distribute.sql', () => {
  it('decides every table: distributed, reference or coordinator-local, exactly once', () => {
    const decided = [...distribution.reference, ...distribution.distributed.map((d) => d.table), ...distribution.local];
    const undecided = catalog.tables.filter((t) => !decided.includes(t));
    const unknown = decided.filter((t) => !catalog.tables.includes(t));
    const twice = decided.filter((t, i) => decided.indexOf(t) !== i);
    expect(undecided, 'tables without a line in distribute.sql').toEqual([]);
    expect(unknown, 'tables in distribute.sql that the migrations do not create').toEqual([]);
    expect(twice, 'tables decided twice').toEqual([]);
  });

  it('distributes every table with province_code by it (only the org tree stays a reference table)', () => {
    const distributed = new Set(distribution.distributed.map((d) => d.table));
    const missing = [...catalog.provinceTables].filter((t) => !distributed.has(t) && !REFERENCE_WITH_PROVINCE.has(t));
    expect(missing, 'tables with province_code that distribute.sql does not distribute').toEqual([]);
    expect(distribution.distributed.filter((d) => d.column !== 'province_code' || !catalog.provinceTables.has(d.table))).toEqual([]);
    const referenceWithProvince = distribution.reference.filter((t) => catalog.provinceTables.has(t) && !REFERENCE_WITH_PROVINCE.has(t));
    expect(referenceWithProvince, 'reference tables that grow with the work (they have province_code)').toEqual([]);
  });

  it('co-locates every distributed table with the first', () => {
    const [first, ...rest] = distribution.distributed;
    expect(first?.colocateWith).toBeNull();
    expect(rest.filter((d) => d.colocateWith !== first?.table).map((d) => d.table)).toEqual([]);
  });

  it('keeps coordinator-local tables out of Citus groups and adds to metadata only local tables', () => {
    expect(distribution.local).toEqual(expect.arrayContaining(['users', 'sessions', 'schema_migrations']));
    expect(distribution.addedToMetadata.filter((t) => !distribution.local.includes(t))).toEqual([]);
    const localReferringToReference = catalog.constraints
      .filter((c) => c.type === 'f' && distribution.local.includes(c.table) && c.target && distribution.reference.includes(c.target))
      .map((c) => c.table);
    expect(localReferringToReference.filter((t) => !distribution.addedToMetadata.includes(t))).toEqual([]);
  });

  it('makes every table after the tables it refers to', () => {
    const order = [...distribution.reference, ...distribution.distributed.map((d) => d.table)];
    const late = catalog.constraints
      .filter((c) => c.type === 'f' && c.target && c.target !== c.table && order.includes(c.table) && order.includes(c.target))
      .filter((c) => order.indexOf(c.target as string) > order.indexOf(c.table))
      .map((c) => `${c.table} (${c.name}) before ${c.target}`);
    expect(late).toEqual([]);
  });
});
