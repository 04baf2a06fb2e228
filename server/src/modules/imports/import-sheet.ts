import ExcelJS from 'exceljs';
import { AppError } from '../../http/app-error.ts';
import { NOTES_SHEET_NAME, type FieldSpec } from './import-fields.ts';

/**
 * Reading an uploaded .xlsx as a stream (exceljs WorkbookReader): the first sheet that is not the notes sheet,
 * its header row (found among the first rows: the row naming the most known headers, so that a ledger exported
 * with a title row above its header reads too), then the data rows, one at a time.
 */
export type CellValue = string | number | boolean | Date | null;
type SheetHead = { sheetName: string; headerRow: number; headers: string[] };

const HEADER_SEARCH_ROWS = 10;
const MAX_IMPORT_ROWS = 200_000;
const MAX_COLUMNS = 200;

type RawCell = ExcelJS.CellValue | undefined;

/** the value of a cell as a string, number, boolean or date; formulas give their result; errors and blanks null */
function plainValue(v: RawCell): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return plainValue(v.richText.map((r) => r.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) return plainValue((v as { result?: RawCell }).result);
    if ('text' in v && typeof v.text === 'string') return plainValue(v.text);
  }
  return null;
}

export function textOf(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function rowValues(row: ExcelJS.Row): CellValue[] {
  const values = row.values as RawCell[];
  const out: CellValue[] = [];
  const n = Math.min(values.length, MAX_COLUMNS + 1);
  for (let i = 1; i < n; i++) out.push(plainValue(values[i]));
  return out;
}

/** a header without spaces, marks and a unit in brackets: '参加人数（人次）*' → '参加人数' */
export const normaliseHeader = (s: string) =>
  s.replace(/（.*?）|\(.*?\)|【.*?】|\[.*?\]/g, '').replace(/[\s*＊：:]/g, '').toLowerCase();

/** how many of the fields' headers (or synonyms) the row names */
function headerScore(cells: CellValue[], fields: FieldSpec[]): number {
  const names = new Set(cells.map((c) => normaliseHeader(textOf(c))));
  return fields.filter((f) => [f.header, ...f.synonyms].some((h) => names.has(normaliseHeader(h)))).length;
}

function openReader(filePath: string) {
  return new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
}

function notAnXlsx(): AppError {
  return new AppError('FILE_TYPE', { message: '无法读取该文件：请上传 Excel 工作簿（.xlsx）；旧版 .xls 请先在 Excel 中另存为 .xlsx' });
}

type WorksheetStream = AsyncIterable<ExcelJS.Row> & { name?: string };

/**
 * exceljs's stream reader sometimes fails at the start of a sheet it read well a moment before (its zip entries
 * race: "Cannot read properties of undefined (reading 'sheets')"); before the first row it is read again
 */
const READ_ATTEMPTS = 3;

/** the rows of the first data sheet, as they stream */
async function* dataSheetRows(filePath: string): AsyncGenerator<{ sheetName: string; number: number; cells: CellValue[] }> {
  for (let attempt = 1; ; attempt++) {
    let yielded = false;
    try {
      for await (const sheet of openReader(filePath) as AsyncIterable<WorksheetStream>) {
        const sheetName = sheet.name ?? 'Sheet1';
        if (sheetName === NOTES_SHEET_NAME) {
          for await (const _row of sheet) void _row;
          continue;
        }
        for await (const row of sheet) {
          yielded = true;
          yield { sheetName, number: row.number, cells: rowValues(row) };
        }
        return;
      }
      return;
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (yielded || attempt >= READ_ATTEMPTS) throw notAnXlsx();
    }
  }
}

/** the sheet's name, its header row and header names */
export async function readSheetHead(filePath: string, fields: FieldSpec[]): Promise<SheetHead> {
  let best: SheetHead | null = null;
  let bestScore = 0;
  let seen = 0;
  for await (const row of dataSheetRows(filePath)) {
    const filled = row.cells.filter((c) => c !== null).length;
    const score = headerScore(row.cells, fields);
    if (filled >= 1 && (best === null || score > bestScore)) {
      best = { sheetName: row.sheetName, headerRow: row.number, headers: row.cells.map(textOf) };
      bestScore = score;
    }
    if (++seen >= HEADER_SEARCH_ROWS) break;
  }
  if (!best) throw new AppError('VALIDATION_FAILED', { message: '表格是空的：没有找到表头行', fields: [{ path: 'body.file', message: '表格是空的' }] });
  while (best.headers.length > 0 && best.headers[best.headers.length - 1] === '') best.headers.pop();
  return best;
}

/** the data rows below the header row that hold anything, with their Excel row numbers */
export async function* readDataRows(filePath: string, headerRow: number): AsyncGenerator<{ number: number; cells: CellValue[] }> {
  let count = 0;
  for await (const row of dataSheetRows(filePath)) {
    if (row.number <= headerRow || row.cells.every((c) => c === null)) continue;
    if (++count > MAX_IMPORT_ROWS) {
      throw new AppError('FILE_TOO_LARGE', { message: `一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString()} 行，请把表格拆成几个文件` });
    }
    yield { number: row.number, cells: row.cells };
  }
}

/** every row of the data sheet (for the marked copy), header and title rows included */
export async function* readAllRows(filePath: string): AsyncGenerator<{ sheetName: string; number: number; cells: CellValue[] }> {
  yield* dataSheetRows(filePath);
}
