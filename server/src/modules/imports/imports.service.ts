import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { ImportError, ImportJob, ImportJobSummary, ImportKind } from '@jinguo/common/imports.schema.ts';
import { requireRole, type Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { IMPORT_FIELDS, publicFields } from './import-fields.ts';
import { claimJob, findJobInSubtree, insertJob, listRecentJobs, updateJob, type ImportJobRow } from './import-jobs.queries.ts';
import { checkMapping, proposeMapping, type ColumnMapping } from './import-mapping.ts';
import { errorsPath, runImportJob, uploadPath, type ImportRunner, type RunDeps } from './import-runner.ts';
import { readSheetHead } from './import-sheet.ts';
import type { CellError } from './import-values.ts';
import { buildMarkedSheet, buildTemplate } from './import-workbooks.ts';

/**
 * Excel imports for admins and staff (orgs: admins only, as every change of the tree): upload a sheet, get the
 * proposed column mapping, start the job with the mapping as adjusted, poll it, read its errors and download the
 * sheet with the bad cells marked. Jobs are seen through the tree (the importing user's org); only the user who
 * uploaded a sheet starts its import.
 */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function requireImporter(actor: Actor, kind: ImportKind): void {
  if (kind === 'orgs') requireRole(actor, 'admin');
  else requireRole(actor, 'admin', 'staff');
}

function effectiveStatus(row: ImportJobRow, runner: ImportRunner): ImportJob['status'] {
  return row.status === 'running' && !runner.live.has(row.id) ? 'interrupted' : row.status;
}

function toSummary(row: ImportJobRow, runner: ImportRunner): ImportJobSummary {
  const live = runner.live.get(row.id);
  return {
    id: row.id,
    kind: row.kind,
    status: effectiveStatus(row, runner),
    phase: live?.phase ?? null,
    fileName: row.file_name,
    sheetName: row.sheet_name,
    processed: live?.processed ?? row.total_rows ?? 0,
    total: live ? live.total : row.total_rows,
    imported: row.imported_rows,
    errorCount: row.error_count,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    createdBy: row.created_by,
  };
}

function toJobView(row: ImportJobRow, runner: ImportRunner): ImportJob {
  return {
    ...toSummary(row, runner),
    headers: row.headers,
    fields: publicFields(row.kind),
    mapping: row.mapping,
    errors: row.errors.map(({ row: r, column, message }) => ({ row: r, column, message })),
  };
}

async function requireJob(db: Db, actor: Actor, id: string, runner: ImportRunner): Promise<ImportJobRow> {
  const row = await findJobInSubtree(db, { provinceCode: actor.provinceCode, orgPath: actor.orgPath }, id);
  if (!row) throw new AppError('OUT_OF_SCOPE', { details: { importId: id } });
  if (effectiveStatus(row, runner) === 'interrupted' && row.status === 'running') {
    // cut off by a restart: nothing of it was committed; say so once and for all
    await updateJob(db, { provinceCode: actor.provinceCode, id }, { status: 'interrupted', finished_at: new Date() });
    return { ...row, status: 'interrupted' };
  }
  return row;
}

/** the received file: .xlsx (a zip) and not empty, else 400/415 with the file removed */
async function checkReceived(file: string): Promise<void> {
  const head = Buffer.alloc(4);
  const fd = await fs.promises.open(file, 'r');
  const { bytesRead } = await fd.read(head, 0, 4, 0);
  await fd.close();
  if (bytesRead === 0) throw new AppError('VALIDATION_FAILED', { message: '文件是空的', fields: [{ path: 'body.file', message: '文件是空的' }] });
  if (!head.equals(XLSX_MAGIC)) throw new AppError('FILE_TYPE', { message: '请上传 Excel 工作簿（.xlsx）；旧版 .xls 或 .csv 请先在 Excel 中另存为 .xlsx' });
}

const uploadGone = () => new AppError('NOT_FOUND', { message: '上传的表格已不在服务器上，请重新上传' });

export type Upload = { fileName: string; saveTo: (file: string) => Promise<void> };

/** uploads and error lists are kept this long for the marked copy; they may hold clear personal numbers */
const KEEP_UPLOADS_DAYS = 7;

/** removes the import files older than KEEP_UPLOADS_DAYS (checked at each upload: no scheduler needed) */
async function purgeOldUploads(dir: string, now: Date): Promise<void> {
  const cutoff = now.getTime() - KEEP_UPLOADS_DAYS * 86_400_000;
  for (const name of await fs.promises.readdir(dir)) {
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await fs.promises.rm(file, { force: true });
  }
}

export async function uploadImport(deps: RunDeps, runner: ImportRunner, actor: Actor, kind: ImportKind, upload: () => Promise<Upload>): Promise<ImportJob> {
  requireImporter(actor, kind);
  const id = uuidv7();
  const storageKey = `imports/${id}.xlsx`;
  const file = uploadPath(deps.filesDir, storageKey);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await purgeOldUploads(path.dirname(file), deps.now());
  try {
    const received = await upload();
    await received.saveTo(file);
    await checkReceived(file);
    const head = await readSheetHead(file, IMPORT_FIELDS[kind]);
    const mapping = proposeMapping(head.headers, IMPORT_FIELDS[kind]);
    await insertJob(deps.db, {
      province_code: actor.provinceCode,
      id,
      org_id: actor.orgId,
      kind,
      file_name: received.fileName.slice(0, 200) || '导入.xlsx',
      storage_key: storageKey,
      sheet_name: head.sheetName.slice(0, 100),
      header_row: head.headerRow,
      headers: JSON.stringify(head.headers.map((h) => h.slice(0, 100))),
      mapping: JSON.stringify(mapping),
      created_by: actor.userId,
    });
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return getImportJob(deps.db, runner, actor, id);
}

export async function getImportJob(db: Db, runner: ImportRunner, actor: Actor, id: string): Promise<ImportJob> {
  requireRole(actor, 'admin', 'staff');
  return toJobView(await requireJob(db, actor, id, runner), runner);
}

export async function listImportJobs(db: Db, runner: ImportRunner, actor: Actor, kind: ImportKind | undefined) {
  requireRole(actor, 'admin', 'staff');
  const rows = await listRecentJobs(db, { provinceCode: actor.provinceCode, orgPath: actor.orgPath, kind }, 20);
  return { items: rows.map((r) => toSummary(r, runner)) };
}

/** checks the mapping, marks the job running and starts it; answers at once (the browser polls the job) */
export async function startImport(deps: RunDeps, runner: ImportRunner, actor: Actor, id: string, mapping: ColumnMapping): Promise<ImportJob> {
  const row = await requireJob(deps.db, actor, id, runner);
  requireImporter(actor, row.kind);
  if (row.created_by !== actor.userId) throw new AppError('FORBIDDEN', { message: '只有上传该表格的用户可以开始导入' });
  if (row.status !== 'uploaded') throw new AppError('IMPORT_STATE');
  const checked = checkMapping(mapping, IMPORT_FIELDS[row.kind], row.headers.length);
  if (!fs.existsSync(uploadPath(deps.filesDir, row.storage_key))) throw uploadGone();
  const key = { provinceCode: actor.provinceCode, id };
  const claimed = await claimJob(deps.db, key, 'uploaded', { status: 'running', mapping: JSON.stringify(checked), runner_id: runner.runnerId, started_at: deps.now() });
  if (!claimed) throw new AppError('IMPORT_STATE');
  const job: ImportJobRow = { ...row, status: 'running', mapping: checked, runner_id: runner.runnerId };
  void runImportJob(deps, runner, actor, job);
  return toJobView(job, runner);
}

async function allErrors(filesDir: string, row: ImportJobRow): Promise<CellError[]> {
  if (row.error_count === 0) return [];
  try {
    return JSON.parse(await fs.promises.readFile(errorsPath(filesDir, row.id), 'utf8')) as CellError[];
  } catch {
    return row.errors as CellError[];
  }
}

export async function listImportErrors(deps: RunDeps, runner: ImportRunner, actor: Actor, id: string, page: { page: number; pageSize: number }) {
  requireRole(actor, 'admin', 'staff');
  const row = await requireJob(deps.db, actor, id, runner);
  const errors = await allErrors(deps.filesDir, row);
  const items: ImportError[] = errors
    .slice((page.page - 1) * page.pageSize, page.page * page.pageSize)
    .map(({ row: r, column, message }) => ({ row: r, column, message }));
  return { items, total: errors.length };
}

export async function markedSheet(deps: RunDeps, runner: ImportRunner, actor: Actor, id: string): Promise<{ fileName: string; data: Buffer }> {
  requireRole(actor, 'admin', 'staff');
  const row = await requireJob(deps.db, actor, id, runner);
  const file = uploadPath(deps.filesDir, row.storage_key);
  if (!fs.existsSync(file)) throw uploadGone();
  const data = await buildMarkedSheet(file, { headerRow: row.header_row, columnCount: row.headers.length, errors: await allErrors(deps.filesDir, row) });
  return { fileName: `${row.file_name.replace(/\.xlsx$/i, '')}-错误标注.xlsx`, data };
}

export async function importTemplate(actor: Actor, kind: ImportKind): Promise<{ fileName: string; data: Buffer }> {
  requireImporter(actor, kind);
  const names: Record<ImportKind, string> = { activities: '活动台账导入模板', people: '人员名册导入模板', orgs: '组织导入模板' };
  return { fileName: `${names[kind]}.xlsx`, data: await buildTemplate(kind) };
}
