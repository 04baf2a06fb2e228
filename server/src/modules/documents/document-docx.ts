import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  SectionType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import { chineseNumber, headingNumbers, splitByPlaceholders } from '@jinguo/common/documents.schema.ts';
import { periodLabel, todayInShanghai } from '@jinguo/common/periods.ts';
import type { DocSectionRow } from '../../db/database.ts';
import { valueText, type StoredFigure } from './document-figures.ts';
import type { PrintableDocument } from './documents.service.ts';

/**
 * The draft as a Word file in the form of GB/T 9704 (党政机关公文格式): A4, margins 37/35/28/26 mm, 22 lines
 * (a line grid and exact line spacing) × 28 characters (character spacing), title 方正小标宋简体 22 pt centred, body 仿宋_GB2312 16 pt, headings 黑体 "一、",
 * 楷体_GB2312 "（一）", 仿宋 "1." and "（1）", page numbers "— 1 —" in 宋体 14 pt (odd pages right, even left, one
 * character in), issuing org and date (Arabic, the 2012 standard) at the end, then the appendix 数据来源: for each
 * figure, the records it counts. Fonts are named, not embedded: readers' Word has them.
 */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
export const PAGE = { width: 11906, height: 16838, top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const BODY_HALF_POINTS = 32;
const LINES = 22;
const CHARS = 28;
/** twips per grid line: the body height shared by 22 lines (579) */
export const LINE_PITCH = Math.floor((PAGE.height - PAGE.top - PAGE.bottom) / LINES);
/**
 * twips taken from each character's 16 pt advance so that exactly 28 fill a line (-5). A character grid
 * (docGrid linesAndChars with charSpace) does the same in Word, but LibreOffice spreads the characters of such a
 * grid far apart (about 20 a line): a plain character spacing reads the same in both.
 */
export const CHAR_SPACING = -Math.ceil(BODY_HALF_POINTS * 10 - (PAGE.width - PAGE.left - PAGE.right) / CHARS);
export const FONTS = { title: '方正小标宋简体', body: '仿宋_GB2312', level1: '黑体', level2: '楷体_GB2312', pageNumber: '宋体' } as const;
const CHAR = 320;

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT });
const firstLineIndent = { firstLine: 2 * CHAR, firstLineChars: 200 };

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];

function headingStyle(fontName: string, outlineLevel: number) {
  return {
    run: { font: font(fontName), size: BODY_HALF_POINTS, bold: false, color: '000000' },
    paragraph: { indent: firstLineIndent, spacing: { ...exact(LINE_PITCH), before: 0, after: 0 }, outlineLevel, keepNext: true },
  };
}

const styles = {
  default: {
    document: {
      run: { font: font(FONTS.body), size: BODY_HALF_POINTS, characterSpacing: CHAR_SPACING },
      paragraph: { spacing: exact(LINE_PITCH), alignment: AlignmentType.JUSTIFIED },
    },
    title: { run: { font: font(FONTS.title), size: 44, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact(Math.round(LINE_PITCH * 1.2)), before: 0, after: 0 } } },
    heading1: headingStyle(FONTS.level1, 0),
    heading2: headingStyle(FONTS.level2, 1),
    heading3: headingStyle(FONTS.body, 2),
    heading4: headingStyle(FONTS.body, 3),
  },
};

const bodyText = (text: string, extra: Partial<IParagraphOptions> = {}) => new Paragraph({ indent: firstLineIndent, ...extra, children: [new TextRun(text)] });
const blank = () => new Paragraph({ children: [] });

/** a section's body: a line holding only a list placeholder becomes one paragraph per item; others read inline */
function bodyParagraphs(text: string, figures: Map<string, StoredFigure>): Paragraph[] {
  const out: Paragraph[] = [];
  for (const line of text.split(/\r?\n/)) {
    const parts = splitByPlaceholders(line.trim()).filter((p) => p !== '');
    const only = parts.length === 1 && typeof parts[0] !== 'string' ? figures.get(parts[0].key) : undefined;
    if (only && only.kind !== 'metric' && only.items.length > 0) {
      only.items.forEach((item, i) => out.push(bodyText(`${item}${i === only.items.length - 1 ? '。' : '；'}`)));
      continue;
    }
    const textOf = (p: (typeof parts)[number]) => (typeof p === 'string' ? p : (figures.get(p.key)?.text ?? p.raw));
    const joined = parts.map(textOf).join('');
    if (joined.trim()) out.push(bodyText(joined));
  }
  return out;
}

function sectionParagraphs(sections: DocSectionRow[], figures: Map<string, StoredFigure>): Paragraph[] {
  const numbers = headingNumbers(sections.map((s) => s.level));
  return sections.flatMap((s, i) => [
    new Paragraph({ heading: HEADINGS[Math.min(4, Math.max(1, s.level)) - 1], children: [new TextRun(`${numbers[i]}${fillInline(s.title, figures)}`)] }),
    ...bodyParagraphs(s.body, figures),
  ]);
}

const fillInline = (s: string, figures: Map<string, StoredFigure>) =>
  splitByPlaceholders(s).map((p) => (typeof p === 'string' ? p : (figures.get(p.key)?.text ?? p.raw))).join('');

/** display width in characters (digits and Latin letters count half) */
const widthOf = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) < 128 ? 0.5 : 1), 0);

export function formatIssueDate(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** issuer above the date, the date four characters in from the right, its first character two right of the issuer's */
function signature(issuer: string, issueDate: string): Paragraph[] {
  const date = formatIssueDate(issueDate);
  const dateRight = 4;
  const issuerRight = Math.max(0, dateRight + widthOf(date) - widthOf(issuer) + 2);
  return [
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: Math.round(issuerRight * CHAR) }, children: [new TextRun(issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: dateRight * CHAR }, children: [new TextRun(date)] }),
  ];
}

const COLUMNS: Record<StoredFigure['kind'], string[]> = {
  metric: ['序号', '日期', '组织', '活动名称', '参加人数'],
  activities: ['序号', '日期', '组织', '活动名称', '参加人数'],
  targets: ['序号', '完成期限', '组织', '目标', '完成情况'],
  completeness: ['序号', '截止日期', '单位', '报表', '报送情况'],
};
const COLUMN_WIDTHS = [700, 1500, 1900, 3345, 1400];
const TABLE_HALF_POINTS = 24;

function cell(text: string, width: number, bold = false) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ alignment: AlignmentType.LEFT, spacing: exact(360), children: [new TextRun({ text, size: TABLE_HALF_POINTS, bold, snapToGrid: false })] })],
  });
}

function recordTable(f: StoredFigure): Table {
  const header = new TableRow({ tableHeader: true, children: COLUMNS[f.kind].map((h, i) => cell(h, COLUMN_WIDTHS[i], true)) });
  const rows = f.records.map(
    (r, i) => new TableRow({ cantSplit: true, children: [String(i + 1), r.date, r.orgName, r.title, r.detail].map((v, j) => cell(v, COLUMN_WIDTHS[j])) }),
  );
  return new Table({ width: { size: COLUMN_WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: COLUMN_WIDTHS, rows: [header, ...rows] });
}

function appendix(doc: PrintableDocument): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: '附件', font: font(FONTS.level1) })] }),
    blank(),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('数据来源')] }),
    blank(),
    bodyText(`本文中的数字均由巾帼平台按${doc.orgName}及其下级组织${periodLabel(doc.period)}的记录统计生成，逐项列明所依据的记录如下。`),
  ];
  doc.figures.forEach((f, i) => {
    out.push(new Paragraph({ indent: firstLineIndent, keepNext: true, children: [new TextRun({ text: `${chineseNumber(i + 1)}、${f.label}：${valueText(f)}`, font: font(FONTS.level1) })] }));
    const shown = f.records.length < f.recordCount ? `共${f.recordCount}条，此处列出前${f.records.length}条，全部记录见《数据来源表》（.xlsx）。` : `共${f.recordCount}条。`;
    out.push(bodyText(`取数日期：${formatIssueDate(todayInShanghai(new Date(f.filledAt)))}；${f.recordCount === 0 ? '无记录。' : shown}`, { keepNext: f.records.length > 0 }));
    if (f.records.length > 0) out.push(recordTable(f), blank());
  });
  return out;
}

function pageNumberFooter(side: 'odd' | 'even') {
  const odd = side === 'odd';
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: 280 } : { left: 280 },
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.pageNumber), size: 28 })],
      }),
    ],
  });
}

const page = {
  size: { width: PAGE.width, height: PAGE.height },
  margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(15), footer: mm(23) },
};
const footers = () => ({ default: pageNumberFooter('odd'), even: pageNumberFooter('even') });

/**
 * Two sections on one run of page numbers: the body on the 22-line grid, then the appendix on a new page without
 * it (tables in a line grid get a full grid line per text line in LibreOffice and WPS-like readers).
 */
export async function renderDocx(doc: PrintableDocument): Promise<Buffer> {
  const figures = new Map(doc.figures.map((f) => [f.key, f]));
  const body = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(fillInline(doc.title, figures))] }),
    blank(),
    ...sectionParagraphs(doc.sections, figures),
    blank(),
    bodyText('附件：数据来源'),
    blank(),
    ...signature(doc.issuer, doc.issueDate),
  ];
  const document = new Document({
    creator: doc.issuer,
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles,
    sections: [
      { properties: { page, grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH } }, footers: footers(), children: body },
      { properties: { page, type: SectionType.NEXT_PAGE }, footers: footers(), children: appendix(doc) },
    ],
  });
  return Packer.toBuffer(document);
}
