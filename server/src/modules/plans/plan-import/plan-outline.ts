import type { ImportNode } from '@jinguo/common/plan-import.schema.ts';
import { normaliseWidth } from './chinese-numbers.ts';

/**
 * The section tree of a plan from the numbering people type: 一、 / （一） or (一) / 1. 1、 1． / （1） or (1) / ①,
 * full- or half-width. A heading nests under the nearest heading of a higher style before it, so a document that
 * skips a level (一、 then 1.) still nests. Unnumbered paragraphs are the body of the section above; those before
 * the first heading are the preamble (a title line first, when it looks like one).
 */
const CN = '一二三四五六七八九十';
const HEADINGS: { level: number; re: RegExp }[] = [
  { level: 1, re: new RegExp(`^([${CN}]{1,3})\\s*[、.．]\\s*`) },
  { level: 2, re: new RegExp(`^[（(]\\s*([${CN}]{1,3})\\s*[）)]\\s*[、.．]?\\s*`) },
  { level: 3, re: /^(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*/ },
  { level: 4, re: /^[（(]\s*(\d{1,2})\s*[）)]\s*[、.．]?\s*/ },
  { level: 5, re: /^([①-⑳])\s*/ },
];
const TITLE_MAX = 50;

/** year: the plan's (the last the title names); fromYear: the first year of a range the title names ("2027—2029年"), or null */
export type Outline = { title: string | null; year: number | null; fromYear: number | null; preamble: string | null; nodes: ImportNode[]; paragraphs: number };

/** a paragraph as read: from a .docx, Word's heading style (1–4) or depth in a numbered list, when it has one */
export type SourceLine = { text: string; heading?: number; list?: number };

/** pasted text: one paragraph a line */
export function linesOfText(text: string): SourceLine[] {
  return text.split(/\r?\n|\r/).map((t) => ({ text: t }));
}

/** widths normalised, spaces trimmed, blank lines dropped; a line broken inside a paragraph is a paragraph of its own */
function cleanLines(source: SourceLine[]): SourceLine[] {
  return source.flatMap((l) =>
    normaliseWidth(l.text)
      .split('\n')
      .map((t, i) => ({ ...(i === 0 ? l : {}), text: t.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '').replace(/[ \t]{2,}/g, ' ') }))
      .filter((x) => x.text.length > 0),
  );
}

function headingOf(line: string): { level: number; numbering: string; rest: string } | null {
  for (const h of HEADINGS) {
    const m = h.re.exec(line);
    if (m && line.length > m[0].length) return { level: h.level, numbering: m[0].trim(), rest: line.slice(m[0].length) };
  }
  return null;
}

/** a heading line's title (its first sentence when short) and the rest as body */
export function splitHeading(rest: string): { title: string; body: string | null } {
  const end = rest.search(/[。：:；;！？!?]/);
  if (end === -1 && rest.length <= TITLE_MAX) return { title: rest, body: null };
  if (end > 0 && end <= TITLE_MAX) {
    const body = rest.slice(end + 1).trim();
    return { title: rest.slice(0, end), body: body || null };
  }
  const comma = rest.search(/[，,]/);
  const title = comma > 0 && comma <= TITLE_MAX ? rest.slice(0, comma) : `${rest.slice(0, TITLE_MAX - 10)}…`;
  return { title, body: rest };
}

const looksLikeTitle = (line: string) => line.length <= 60 && !/[。；;！？!?]$/.test(line) && !/[。]/.test(line);
/** an official document's letterhead ("××县妇联文件") or number ("×妇字〔2027〕3号"): above the title, never the title */
const isLetterhead = (line: string) => line.length <= 30 && (/文件$/.test(line) || /[〔［\[(（]\s*(?:19|20)\d{2}\s*[〕］\])）]\s*\d+\s*号$/.test(line));
const yearsIn = (line: string) => [...line.matchAll(/((?:19|20)\d{2})\s*年/g)].map((m) => Number(m[1]));
/** the first year of a range of years ("2027—2029年", "2027至2029年") */
const rangeStartIn = (line: string) => [...line.matchAll(/((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]{1,2}\s*(?:19|20)\d{2}\s*年/g)].map((m) => Number(m[1]));

/** Word's own structure when the text carries no numbering: a heading style, or an item of a numbered list one level below the section it stands in */
function structuralHeading(line: SourceLine, listBase: number): { level: number; numbering: string; rest: string } | null {
  if (line.heading) return { level: line.heading, numbering: '', rest: line.text };
  if (line.list) return { level: Math.min(listBase + line.list, 6), numbering: '', rest: line.text };
  return null;
}

export function outlineOf(source: SourceLine[], givenYear: number | null = null): Outline {
  const lines = cleanLines(source);
  const nodes: ImportNode[] = [];
  const stack: ImportNode[] = [];
  const preamble: string[] = [];
  let title: string | null = null;
  let listBase: number | null = null;
  for (const { text: line, ...structure } of lines) {
    // a numbered list goes on across the paragraphs between its items, until a heading outside it
    if (structure.list) listBase ??= stack[stack.length - 1]?.level ?? 0;
    const h = headingOf(line) ?? structuralHeading({ text: line, ...structure }, listBase ?? 0);
    if (h && !structure.list) listBase = null;
    if (!h && title === null && preamble.length === 0 && isLetterhead(line)) continue;
    if (!h) {
      const current = stack[stack.length - 1];
      if (current) current.body = current.body ? `${current.body}\n${line}` : line;
      else if (title === null && preamble.length === 0 && looksLikeTitle(line)) title = line;
      else preamble.push(line);
      continue;
    }
    while (stack.length > 0 && stack[stack.length - 1].level >= h.level) stack.pop();
    const { title: nodeTitle, body } = splitHeading(h.rest);
    const node: ImportNode = { key: `n${nodes.length + 1}`, parentKey: stack[stack.length - 1]?.key ?? null, level: h.level, numbering: h.numbering, title: nodeTitle, body };
    nodes.push(node);
    stack.push(node);
  }
  // "2025年工作总结和2026年工作打算": the plan is for the last year named; a title without one ("关于印发…的通知"
  // over the plan's own title) takes it from the short title-like lines before the first section
  let yearLines = title ? [title] : [];
  if (yearLines.flatMap(yearsIn).length === 0) yearLines = preamble.filter((l) => looksLikeTitle(l) && !/[，,]/.test(l));
  const years = yearLines.flatMap(yearsIn);
  const year = givenYear ?? (years.length > 0 ? Math.max(...years) : null);
  const rangeStarts = yearLines.flatMap(rangeStartIn).filter((y) => year !== null && y <= year);
  return {
    title,
    year,
    fromYear: givenYear ?? (rangeStarts.length > 0 ? Math.min(...rangeStarts) : null),
    preamble: preamble.length > 0 ? preamble.join('\n') : null,
    nodes,
    paragraphs: lines.length,
  };
}
