import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportKind } from '@jinguo/common/imports.schema.ts';
import { IMPORT_FIELDS, IMPORT_SHEET_NAMES, NOTES_SHEET_NAME } from './import-fields.ts';
import { readAllRows } from './import-sheet.ts';
import type { CellError } from './import-values.ts';

/**
 * The workbooks an import hands out: the template of a kind (headers, one example row, a notes sheet), and a copy
 * of an uploaded sheet with every bad cell filled red and commented, and an 错误说明 column listing each row's
 * problems. The copy is written as a stream, so a sheet of 100,000 rows costs little memory.
 */
const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };

export async function buildTemplate(kind: ImportKind): Promise<Buffer> {
  const fields = IMPORT_FIELDS[kind];
  const book = new ExcelJS.Workbook();
  book.creator = 'Jinguo';
  const sheet = book.addWorksheet(IMPORT_SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = fields.map((f) => ({ header: f.required ? `${f.header}*` : f.header, key: f.field, width: Math.max(12, f.header.length * 2 + 6) }));
  sheet.getRow(1).eachCell((cell, col) => {
    cell.font = { bold: true, color: fields[col - 1].required ? { argb: 'FFC00000' } : undefined };
    cell.fill = HEADER_FILL;
    cell.note = fields[col - 1].hint;
  });
  const example = sheet.addRow(fields.map((f) => f.example));
  example.font = { italic: true, color: { argb: 'FF808080' } };
  const dateCol = fields.findIndex((f) => f.field === 'date');
  if (dateCol >= 0) sheet.getColumn(dateCol + 1).numFmt = '@';
  const idCols = fields.flatMap((f, i) => (f.field === 'idNumber' || f.field === 'phone' ? [i + 1] : []));
  for (const c of idCols) sheet.getColumn(c).numFmt = '@';

  const notes = book.addWorksheet(NOTES_SHEET_NAME);
  notes.columns = [{ width: 18 }, { width: 10 }, { width: 90 }];
  notes.addRow([`${IMPORT_SHEET_NAMES[kind]}导入说明`]).font = { bold: true, size: 14 };
  notes.addRow(['1. 在第一个工作表中按表头填写，一行一条；灰色的示例行与示例完全相同时导入会跳过，也可删除。']);
  notes.addRow(['2. 带 * 的列必须填写；表头名称可以不同，上传后可调整各列的对应关系。']);
  notes.addRow(['3. 任何一行有错误时整个文件都不导入；系统会列出每个错误，并提供标出错误单元格的表格副本。']);
  notes.addRow([]);
  const head = notes.addRow(['列名', '是否必填', '填写要求']);
  head.font = { bold: true };
  for (const f of fields) notes.addRow([f.header, f.required ? '必填' : '选填', f.hint]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function errorsByRow(errors: CellError[]): Map<number, CellError[]> {
  const byRow = new Map<number, CellError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  return byRow;
}

async function collect(stream: PassThrough, done: Promise<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => stream.once('end', resolve));
  await done;
  await ended;
  return Buffer.concat(chunks);
}

export async function buildMarkedSheet(filePath: string, q: { headerRow: number; columnCount: number; errors: CellError[] }): Promise<Buffer> {
  const byRow = errorsByRow(q.errors);
  const stream = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const write = (async () => {
    let sheet: ExcelJS.Worksheet | null = null;
    // the explanation goes right of the header's last column; cells further right (no header) are not copied
    const width = Math.max(q.columnCount, 1);
    for await (const row of readAllRows(filePath)) {
      sheet ??= book.addWorksheet(`${row.sheetName}（标注错误）`.slice(0, 31), { views: [{ state: 'frozen', ySplit: q.headerRow }] });
      const errs = byRow.get(row.number) ?? [];
      const explain = row.number === q.headerRow ? '错误说明' : errs.map((e) => `${e.column}：${e.message}`).join('；') || null;
      const out = sheet.getRow(row.number);
      row.cells.slice(0, width).forEach((v, i) => {
        if (v !== null) out.getCell(i + 1).value = v;
        if (v instanceof Date) out.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      });
      for (const e of errs.filter((x) => x.col !== null)) {
        const cell = out.getCell(e.col! + 1);
        cell.fill = RED;
        cell.note = e.message;
      }
      const last = out.getCell(width + 1);
      last.value = explain;
      if (errs.length > 0 || row.number === q.headerRow) last.font = { color: { argb: 'FFC00000' }, bold: row.number === q.headerRow };
      out.commit();
    }
    (sheet ?? book.addWorksheet('标注错误')).commit();
    await book.commit();
  })();
  return collect(stream, write);
}
