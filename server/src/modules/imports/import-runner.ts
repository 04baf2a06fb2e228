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
import { activitiesImport } from './activities-import.ts';
import { IMPORT_FIELDS, type FieldSpec } from './import-fields.ts';
import { updateJob, type ImportJobRow } from './import-jobs.queries.ts';
import { ImportRejected, type ImportContext, type ImportKindRunner, type RowChecks } from './import-kind.ts';
import type { ColumnMapping } from './import-mapping.ts';
import { readDataRows, textOf, type CellValue } from './import-sheet.ts';
import type { CellError, SheetContext } from './import-values.ts';
import { orgsImport } from './orgs-import.ts';
import { peopleImport } from './people-import.ts';

/**
 * Runs an import job in the background of the process that received it. The sheet is read once, as a stream,
 * outside any transaction: every row is checked and only the good rows' records are kept (not the cells), every
 * problem listed. When there is none, the records are written in ONE transaction, chunk by chunk, the kind's writer
 * checking each chunk again under its locks — all or nothing. Progress lives in memory (a transaction on the
 * embedded database holds its only connection, so progress cannot be written meanwhile); the job row gets the
 * outcome. A job still 'running' in the table but unknown to this process was cut off by a restart: nothing of it
 * was committed, and it is shown as interrupted.
 */
type LiveState = { phase: ImportPhase; processed: number; total: number | null };
export type ImportRunner = { live: Map<string, LiveState>; runnerId: string; log: FastifyBaseLogger };
export type RunDeps = { db: Kysely<Database>; cipher: PersonalDataCipher; filesDir: string; now: () => Date };

/** errors kept in the job row for its page; all of them are in the errors file */
const ERRORS_IN_ROW = 200;
/** rows between two turns given to other requests (the browser's polls) */
const TURN = 2000;

const KINDS: Record<ImportKind, ImportKindRunner<unknown>> = {
  activities: activitiesImport,
  people: peopleImport,
  orgs: orgsImport,
};

export function uploadPath(filesDir: string, storageKey: string): string {
  return path.join(filesDir, storageKey);
}

export function errorsPath(filesDir: string, jobId: string): string {
  return path.join(filesDir, 'imports', `${jobId}.errors.json`);
}

/** the template's example row, left in the sheet: skipped */
function isTemplateExample(cells: CellValue[], fields: FieldSpec[], mapping: ColumnMapping): boolean {
  return fields.every((f) => {
    const col = mapping[f.field];
    return col === null || col === undefined || textOf(cells[col] ?? null) === String(f.example);
  });
}

/**
 * reads the data rows as they stream, checks each and keeps the good ones' records (not the cells). The writer
 * checks every record against the database under its locks; here that is done only once the file has a problem,
 * then for every record, so that the list names every bad row at once.
 */
async function checkRows<R, C extends RowChecks<R>>(
  file: string,
  job: ImportJobRow,
  db: Kysely<Database>,
  ctx: ImportContext,
  kind: ImportKindRunner<R, C>,
  state: LiveState,
): Promise<{ rows: number; records: R[]; checks: C }> {
  const { sheet } = ctx;
  const checks = await kind.checks(db, ctx);
  const records: R[] = [];
  let unchecked = 0;
  const checkPending = async () => {
    for (; unchecked < records.length; unchecked = Math.min(unchecked + kind.chunkRows, records.length)) {
      await checks.againstDatabase(db, records.slice(unchecked, unchecked + kind.chunkRows));
    }
  };
  let rows = 0;
  for await (const { number, cells } of readDataRows(file, job.header_row)) {
    if (rows === 0 && isTemplateExample(cells, sheet.fields, sheet.mapping)) continue;
    const record = checks.row(number, cells);
    if (record !== undefined) records.push(record);
    if (sheet.errors.length > 0 && records.length - unchecked >= kind.chunkRows) await checkPending();
    state.processed = ++rows;
    if (rows % TURN === 0) await nextTurn();
  }
  if (sheet.errors.length > 0) await checkPending();
  return { rows, records, checks };
}

/** checks and (when every row is good) writes; problems end up in sheet.errors */
async function importRows(deps: RunDeps, actor: Actor, job: ImportJobRow, state: LiveState, sheet: SheetContext): Promise<void> {
  const kind = KINDS[job.kind];
  const now = deps.now();
  const ctx: ImportContext = { actor, cipher: deps.cipher, sheet, today: todayInShanghai(now), jobId: job.id, fileName: job.file_name, now };
  const { rows, records, checks } = await checkRows(uploadPath(deps.filesDir, job.storage_key), job, deps.db, ctx, kind, state);
  state.total = rows;
  if (rows === 0) sheet.errors.push({ row: job.header_row, column: '', message: '表格中没有数据行', col: null });
  if (sheet.errors.length > 0) return;
  Object.assign(state, { phase: 'write', processed: 0 });
  await deps.db.transaction().execute(async (trx) => {
    const writer = await kind.writer(trx, ctx, checks);
    // every chunk is checked again, to the end, so that the list names every row a change meanwhile made bad
    for (let i = 0; i < records.length; i += kind.chunkRows) {
      await writer.write(records.slice(i, i + kind.chunkRows));
      state.processed = Math.min(i + kind.chunkRows, records.length);
    }
    if (sheet.errors.length > 0) throw new ImportRejected();
    const imported = await writer.finish();
    // the job's outcome commits with its rows: a process killed after the commit leaves a job that says so
    await updateJob(trx, jobKey(job), { status: 'succeeded', total_rows: rows, imported_rows: imported, error_count: 0, errors: '[]', finished_at: deps.now() });
  });
}

const jobKey = (job: ImportJobRow) => ({ provinceCode: job.province_code.trim(), id: job.id });

function sortErrors(errors: CellError[]): CellError[] {
  return errors.sort((a, b) => a.row - b.row || (a.col ?? -1) - (b.col ?? -1));
}

/** runs the job to its end; never throws (the outcome is written to the job row) */
export async function runImportJob(deps: RunDeps, runner: ImportRunner, actor: Actor, job: ImportJobRow): Promise<void> {
  const state: LiveState = { phase: 'validate', processed: 0, total: null };
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
