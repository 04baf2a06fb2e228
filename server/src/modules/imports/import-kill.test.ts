import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, holdTableLock, newAppData, signIn, startAppProcess, waitForOtherBackendsToEnd, type AppProcess, type AppProcessData } from '../../test/operations/app-process.ts';

/**
 * kill -9 of the app while it imports a ledger: after each restart the database holds every row of the import
 * or none, the rollups match the activities, and the job shows as succeeded or interrupted (never 'running').
 */
const ROWS = 20_000;
/**
 * When to kill: right after the start, or once the rows are being checked (the write follows), plus a delay; on
 * PostgreSQL half the rounds hold a lock on the job table, so the import waits inside its transaction, all its
 * rows inserted and its job's outcome not yet, and dies there.
 */
type Kill = { after: 'start' | 'validate'; ms: number } | { after: 'locked' };
const TIMED: Kill[] = [
  { after: 'start', ms: 0 },
  { after: 'validate', ms: 0 },
  { after: 'validate', ms: 400 },
  { after: 'validate', ms: 1000 },
  { after: 'start', ms: 15_000 },
];
const MORE_TIMED: Kill[] = [
  { after: 'validate', ms: 200 },
  { after: 'validate', ms: 700 },
  { after: 'validate', ms: 1500 },
  { after: 'validate', ms: 2500 },
  { after: 'start', ms: 300 },
];
const LOCKED: Kill[] = Array.from({ length: 5 }, () => ({ after: 'locked' as const }));

type Client = Awaited<ReturnType<typeof signIn>>;

/** polls the job until it is checking its rows (or is done) */
async function checking(admin: Client, jobId: string): Promise<void> {
  for (;;) {
    const job = (await (await admin.get(`/api/imports/${jobId}`)).json()) as { status: string; processed: number };
    if (job.status !== 'running' || job.processed > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
const MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function ledger(villages: string[], round: number): Promise<Blob> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('活动台账');
  sheet.addRow(['组织', '活动类型', '活动名称', '活动日期', '参加人数']);
  for (let i = 0; i < ROWS; i++) {
    sheet.addRow([villages[i % villages.length], '巾帼大宣讲', `中断测试${round}-${i}`, `2025-${String(1 + (i % 12)).padStart(2, '0')}-15`, 10 + (i % 7)]);
  }
  return new Blob([await book.xlsx.writeBuffer()], { type: MIME });
}

describe('kill -9 during an import', () => {
  let data: AppProcessData;
  let app: AppProcess | null = null;

  beforeAll(async () => {
    data = await newAppData();
  });
  afterAll(async () => {
    await app?.kill();
    await data?.remove();
  });

  async function databaseState(jobId: string) {
    const handle = await data.open();
    try {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from activities where import_id = ${jobId}::uuid`.execute(handle.db);
      const { rows: drift } = await sql<{ n: number }>`
        with expected as (
          select t.id as org_id, date_trunc('month', a.date)::date as month, a.kind_code, count(*)::int as c, sum(a.participants)::int8 as p
          from orgs t join orgs o on starts_with(o.path, t.path) join activities a on a.org_id = o.id
          where t.depth <= 3 group by 1, 2, 3)
        select count(*)::int as n from expected e full join activity_rollups r using (org_id, month, kind_code)
        where e.c is distinct from r.activity_count or e.p is distinct from r.participant_sum`.execute(handle.db);
      return { imported: rows[0].n, rollupDrift: drift[0].n };
    } finally {
      await handle.close();
    }
  }

  it('leaves each import whole or absent over 10 kills', async () => {
    const url = data.env.DATABASE_URL;
    const kills = url ? TIMED.flatMap((k, i) => [k, LOCKED[i]]) : TIMED.flatMap((k, i) => [k, MORE_TIMED[i]]);
    const outcomes: string[] = [];
    let lastJob: { id: string; imported: number } | null = null;
    /** the restart after a kill: the job shows what the database holds, never 'running' */
    const confirmLastJob = async (admin: Client) => {
      if (!lastJob) return;
      const seen = (await (await admin.get(`/api/imports/${lastJob.id}`)).json()) as { status: string };
      expect(['interrupted', 'succeeded']).toContain(seen.status);
      expect(lastJob.imported).toBe(seen.status === 'succeeded' ? ROWS : 0);
      outcomes[outcomes.length - 1] += ` → ${seen.status}`;
    };
    app = await startAppProcess(data);
    for (const [round, kill] of kills.entries()) {
      const admin = await signIn(app.baseUrl, 'admin', ADMIN_PASSWORD);
      await confirmLastJob(admin);
      const form = new FormData();
      form.append('file', await ledger(['东关村妇联', '北关村妇联', '南关村妇联'], round), '台账.xlsx');
      const up = await fetch(`${app.baseUrl}/api/imports?kind=activities`, { method: 'POST', headers: admin.headers, body: form });
      expect(up.status, await up.clone().text()).toBe(200);
      const job = (await up.json()) as { id: string; mapping: Record<string, number | null> };
      expect((await admin.post(`/api/imports/${job.id}/start`, { mapping: job.mapping })).status).toBe(200);
      // taken while the rows are read and checked (a second or so for these 20,000): the write waits for it
      const blocker = kill.after === 'locked' ? await holdTableLock(url!, 'import_jobs', 'share') : null;
      if (blocker) await blocker.waitForBlockedWriter();
      else {
        // the kill lands while checking, writing, or after the commit
        if (kill.after === 'validate') await checking(admin, job.id);
        await new Promise((r) => setTimeout(r, kill.after === 'locked' ? 0 : kill.ms));
      }
      await app.kill();
      await blocker?.release();
      if (url) await waitForOtherBackendsToEnd(url);

      const state = await databaseState(job.id);
      expect([0, ROWS], JSON.stringify(state)).toContain(state.imported);
      expect(state.rollupDrift).toBe(0);
      if (kill.after === 'locked') expect(state.imported).toBe(0);
      outcomes.push(`${kill.after === 'locked' ? 'inside the transaction' : `${kill.after}+${kill.ms} ms`}: ${state.imported} rows`);
      lastJob = { id: job.id, imported: state.imported };
      app = await startAppProcess(data);
    }
    await confirmLastJob(await signIn(app.baseUrl, 'admin', ADMIN_PASSWORD));
    console.log(`kill -9 during imports: ${outcomes.join('; ')}`);
  }, 600_000);
});
