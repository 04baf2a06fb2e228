import mammoth from 'mammoth';
import { MAX_PLAN_TEXT } from '@jinguo/common/plan-import.schema.ts';
import { invalidField } from '../../../http/app-error.ts';
import type { SourceLine } from './plan-outline.ts';

/**
 * The paragraphs of a .docx with the structure Word keeps out of the text: heading styles (标题 1–4) and
 * automatically numbered lists (their numbers are not in the text) give a level; a table row becomes one line,
 * its cells joined by "，" (a task list's row: 任务，目标，责任单位，时限). Anything that is not a readable .docx is
 * a 400 naming the file.
 */
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e] ?? all;
  });
}

/** mammoth's HTML (p, h1–h6, ol/ul/li, table/tr/td, br and inline tags) as lines */
export function linesOfHtml(html: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const lists: string[] = [];
  let block: SourceLine | null = null;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  const flush = () => {
    const text = block?.text.trim();
    if (block && text) {
      if (cell) cell.push(text);
      else lines.push({ ...block, text });
    }
    block = null;
  };
  const olDepth = () => (lists[lists.length - 1] === 'ol' ? lists.filter((l) => l === 'ol').length : 0);
  for (const [, close, tag, text] of html.matchAll(/<(\/?)(\w+)[^>]*>|([^<]+)/g)) {
    if (text !== undefined) {
      block ??= { text: '' };
      block.text += decode(text);
      continue;
    }
    const name = tag.toLowerCase();
    if (name === 'br') {
      if (block) block.text += '\n';
    } else if (/^(p|h[1-6]|li)$/.test(name)) {
      flush();
      if (!close) block = { text: '', heading: name[0] === 'h' ? Math.min(Number(name[1]), 4) : undefined, list: name === 'li' ? olDepth() || undefined : undefined };
    } else if (name === 'ol' || name === 'ul') {
      flush();
      if (close) lists.pop();
      else lists.push(name);
    } else if (name === 'tr') {
      flush();
      if (close && row?.length) lines.push({ text: row.join('，') });
      row = close ? null : [];
    } else if (name === 'td' || name === 'th') {
      flush();
      if (close && cell) row?.push(cell.join('，'));
      cell = close ? null : [];
    }
  }
  flush();
  return lines;
}

export async function readDocxLines(data: Buffer): Promise<SourceLine[]> {
  if (data.length === 0) throw invalidField('file', '文件是空的，请选择计划文档（.docx）');
  if (data.subarray(0, 4).equals(OLE)) throw invalidField('file', '这是旧版 Word 文档（.doc），请在 Word 或 WPS 中另存为 .docx 后再上传');
  if (!data.subarray(0, 4).equals(ZIP)) throw invalidField('file', '文件不是 Word 文档（.docx），请上传 .docx 文件或直接粘贴正文');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: data })).value;
  } catch {
    throw invalidField('file', '无法读取这个 Word 文档，文件可能已损坏；可以直接粘贴正文');
  }
  const lines = linesOfHtml(html.replace(/\u0000/g, ''));
  const length = lines.reduce((n, l) => n + l.text.length + 1, 0);
  if (lines.length === 0) throw invalidField('file', '文档中没有读到文字');
  if (length > MAX_PLAN_TEXT) throw invalidField('file', `文档正文超过 ${MAX_PLAN_TEXT} 个字，请分开导入`);
  return lines;
}
