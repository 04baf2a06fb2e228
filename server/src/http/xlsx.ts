import ExcelJS from 'exceljs';

/**
 * Excel tables for export (a provincial "one-table" platform, or a printout): a title row, a line naming the org
 * and the period, a header row frozen with everything above it, then the rows. Units go in their own column or
 * in the header ("目标值（个）"), never inside the numbers, so the cells stay numeric.
 */
export type XlsxColumn<Row> = { header: string; width?: number; value: (row: Row) => string | number | null; numFmt?: string };
export type XlsxTable<Row> = {
  sheetName: string;
  title: string;
  /** e.g. 单位：和顺县妇联　期间：2026年　导出日期：2026-05-01 */
  subtitle: string;
  columns: XlsxColumn<Row>[];
  rows: Row[];
};

/** the 1-based row number of the header: title, subtitle, header */
export const XLSX_HEADER_ROW = 3;

export async function buildXlsx<Row>(table: XlsxTable<Row>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Jinguo';
  const sheet = book.addWorksheet(table.sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `1:${XLSX_HEADER_ROW}` },
  });
  const width = table.columns.length;
  sheet.columns = table.columns.map((c) => ({ width: c.width ?? 14 }));
  sheet.addRow([table.title]);
  sheet.mergeCells(1, 1, 1, width);
  Object.assign(sheet.getCell(1, 1), { font: { bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } });
  sheet.getRow(1).height = 28;
  sheet.addRow([table.subtitle]);
  sheet.mergeCells(2, 1, 2, width);
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of table.rows) sheet.addRow(table.columns.map((c) => c.value(row)));
  table.columns.forEach((c, i) => {
    if (c.numFmt) sheet.getColumn(i + 1).numFmt = c.numFmt;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Content-Disposition for a download with a Chinese file name */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
