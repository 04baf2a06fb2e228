import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { ImportKind, ImportPhase } from '@jinguo/common/imports.schema.ts';
import { todayInShanghai } from '@jinguo/common/periods.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import type { PersonalDataCipher } from '../../security/personal-data.ts';
import { checkActivityRows, writeActivities } from './activities-import.ts';
import { IMPORT_FIELDS, type FieldSpec } from './import-fields.ts';
import { updateJob, type ImportJobRow } from './import-jobs.queries.ts';
import { ImportRejected, type CheckInput, type DataRow, type WriteInput } from './import-kind.ts';
import type { ColumnMapping } from './import-mapping.ts';
import { readDataRows, textOf } from './import-sheet.ts';
import type { CellError, SheetContext } from './import-values.ts';
import { checkOrgRows, writeOrgs } from './orgs-import.ts';
import { checkPersonRows, writePersons } from './people-import.ts';

/**
 * Runs an import job in the background of the process that received it: read the sheet (outside any
 * transaction), check every row, then write every row in ONE transaction — or nothing. Progress lives in memory
 * (a transaction on the embedded database holds its only connection, so progress cannot be written meanwhile);
 * the job row gets the outcome. A job still 'running' in the table but unknown to this process was cut off by a
 * restart: nothing of it was committed, and it is shown as interrupted.
 */
type LiveState = { phase: ImportPhase; processed: number; total: number | null };
export type ImportRunner = { live: Map<string, LiveState>; runnerId: string; log: FastifyBaseLogger };
export type RunDeps = { db: Kysely<Database>; cipher: PersonalDataCipher; filesDir: string; now: () => Date };

/** errors kept in the job row for its page; all of them are in the errors file */
const ERRORS_IN_ROW = 200;

type Kind<R> = { check: (input: CheckInput) => Promise<R[]>; write: (trx: Parameters<typeof writeActivities>[0], input: WriteInput<R>) => Promise<number> };
const KINDS: Record<ImportKind, Kind<unknown>> = {
  activities: { check: checkActivityRows, write: writeActivities } as Kind<unknown>,
  people: { check: checkPersonRows, write: writePersons } as Kind<unknown>,
  orgs: { check: checkOrgRows, write: writeOrgs } as Kind<unknown>,
};

export function uploadPath(filesDir: string, storageKey: string): string {
  return path.join(filesDir, storageKey);
}

export function errorsPath(filesDir: string, jobId: string): string {
  return path.join(filesDir, 'imports', `${jobId}.errors.json`);
}

/** the template's example row, left in the sheet: skipped */
function isTemplateExample(cells: DataRow['cells'], fields: FieldSpec[], mapping: ColumnMapping): boolean {
  return fields.every((f) => {
    const col = mapping[f.field];
    return col === null || col === undefined || textOf(cells[col] ?? null) === String(f.example);
  });
}

async function readRows(file: string, job: ImportJobRow, state: LiveState, sheet: SheetContext): Promise<DataRow[]> {
  const rows: DataRow[] = [];
  for await (const row of readDataRows(file, job.header_row)) {
    if (rows.length === 0 && isTemplateExample(row.cells, sheet.fields, sheet.mapping)) continue;
    rows.push(row);
    state.processed = rows.length;
    if (rows.length % 5000 === 0) await nextTurn();
  }
  return rows;
}

/** reads, checks and (when every row is good) writes; problems end up in sheet.errors */
async function importRows(deps: RunDeps, actor: Actor, job: ImportJobRow, state: LiveState, sheet: SheetContext): Promise<void> {
  const kind = KINDS[job.kind];
  const file = uploadPath(deps.filesDir, job.storage_key);
  const rows = await readRows(file, job, state, sheet);
  state.total = rows.length;
  if (rows.length === 0) {
    sheet.errors.push({ row: job.header_row, column: '', message: '表格中没有数据行', col: null });
    return;
  }
  Object.assign(state, { phase: 'validate', processed: 0 });
  const now = deps.now();
  const progress = (n: number) => {
    state.processed = n;
  };
  const records = await kind.check({ db: deps.db, actor, cipher: deps.cipher, sheet, rows, today: todayInShanghai(now), progress });
  if (sheet.errors.length > 0) return;
  const total = rows.length;
  rows.length = 0; // the cells are done with: only the checked records go on
  Object.assign(state, { phase: 'write', processed: 0 });
  const input = { actor, cipher: deps.cipher, sheet, records, jobId: job.id, fileName: job.file_name, now, progress };
  await deps.db.transaction().execute(async (trx) => {
    const imported = await kind.write(trx, input);
    // the job's outcome commits with its rows: a process killed after the commit leaves a job that says so
    await updateJob(trx, jobKey(job), { status: 'succeeded', total_rows: total, imported_rows: imported, error_count: 0, errors: '[]', finished_at: deps.now() });
  });
}

const jobKey = (job: ImportJobRow) => ({ provinceCode: job.province_code.trim(), id: job.id });

function sortErrors(errors: CellError[]): CellError[] {
  return errors.sort((a, b) => a.row - b.row || (a.col ?? -1) - (b.col ?? -1));
}

/** runs the job to its end; never throws (the outcome is written to the job row) */
export async function runImportJob(deps: RunDeps, runner: ImportRunner, actor: Actor, job: ImportJobRow): Promise<void> {
  const state: LiveState = { phase: 'read', processed: 0, total: null };
  runner.live.set(job.id, state);
  const sheet: SheetContext = { fields: IMPORT_FIELDS[job.kind], mapping: job.mapping, headers: job.headers, errors: [] };
  try {
    await importRows(deps, actor, job, state, sheet);
  } catch (err) {
    if (err instanceof AppError) sheet.errors.push({ row: 0, column: '', message: err.message, col: null });
    else if (!(err instanceof ImportRejected)) {
      runner.log.error({ err, jobId: job.id }, 'import failed');
      sheet.errors.push({ row: 0, column: '', message: '导入时发生错误，未导入任何数据，请稍后重试', col: null });
    }
  }
  const errors = sortErrors(sheet.errors);
  try {
    if (errors.length === 0) {
      // the rows are in the database, with import_id: the uploaded copy (which may hold clear personal numbers) goes
      await fs.promises.rm(uploadPath(deps.filesDir, job.storage_key), { force: true });
    } else {
      await fs.promises.writeFile(errorsPath(deps.filesDir, job.id), JSON.stringify(errors));
      await updateJob(deps.db, jobKey(job), {
        status: 'failed',
        total_rows: state.total,
        imported_rows: 0,
        error_count: errors.length,
        errors: JSON.stringify(errors.slice(0, ERRORS_IN_ROW)),
        finished_at: deps.now(),
      });
    }
  } catch (err) {
    runner.log.error({ err, jobId: job.id }, 'import outcome not recorded');
  } finally {
    runner.live.delete(job.id);
  }
}
