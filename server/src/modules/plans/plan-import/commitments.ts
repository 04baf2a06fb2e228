import type { MetricUnit } from '@jinguo/common/units.ts';
import { CHINESE_NUMERAL_CHARS as CN, numberOf } from './chinese-numbers.ts';
import {
  CHANGE_BEFORE_PERCENT,
  DONE_LE,
  EXISTING_CUE,
  FUTURE_AFTER_CUE,
  LEADING_FILLER,
  NO_METRIC_UNIT,
  NOT_AFTER_UNIT,
  PAST_CUE,
  PAST_OPENING,
  PER_UNIT,
  PER_UNIT_AFTER,
  QUALIFIERS,
  RATE_WORDS,
  REACH_VERBS,
  RESOURCE_CUE,
  SCOPE_AFTER,
  SELF_COUNT_CUE,
  SHARE_OF,
  TARGET_WORDS,
  SLOGAN_AFTER_GE,
  UNIT_WORDS,
  UNITS_WITHOUT_METRIC,
  VERB_RE,
  WHOLE_OF_PLACE,
} from './commitment-rules.ts';

/**
 * Numeric commitments in a plan's text: a number with a unit, the verb and object around it ("新建妇女微家15个",
 * "开展家庭教育讲座不少于200场", "覆盖率达到90%"). Figures that are not commitments are kept with the reason they
 * were left out: ordinals, names and slogans, per-unit or frequency rules, counts of what exists, figures of the
 * past, changes in percent. Years and dates carry no unit and are never figures.
 */
export type FoundFigure = {
  sentence: string;
  quote: string;
  value: number;
  unit: MetricUnit;
  unitText: string;
  verb: string | null;
  object: string | null;
  /** what is counted, as written ("新建妇女微家", "执委培训覆盖率") — the basis of the metric's name and match */
  phrase: string;
  /** the clause before the figure's, which often names the work ("开展两癌筛查，筛查适龄妇女600人") */
  context: string;
  /** the sentence before the figure's clause, without its figures: the work named further back */
  before: string;
  /** the deadline the sentence names, as "MM-DD" ("6月底前" → "06-30", "上半年" → "06-30"); null when none */
  deadline: string | null;
  /** why the figure is not a commitment; null for a commitment */
  skip: string | null;
};

const UNIT_OF = new Map(UNIT_WORDS);
/** digits (with thousands separators: "1,200"), or Chinese numerals */
const NUM = `(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[${CN}]+)`;
const UNIT_ALTERNATIVES = [...UNIT_WORDS.map(([w]) => w), ...UNITS_WITHOUT_METRIC].sort((a, b) => b.length - a.length);
const FIGURE_RE = new RegExp(`百分之${NUM}|(?<![\\d.${CN}])${NUM}(万|千)?(余|多)?\\s?(${UNIT_ALTERNATIVES.join('|')})`, 'g');
const CLAUSE_END = /[，,；;：:。！？!?]/;
/** items of a list ("新建妇女之家10个、妇女微家20个") share the clause's verb */
const LIST_ITEM_END = /[，,；;：:。！？!?、]/;
const OPEN_QUOTES: Record<string, string> = { '“': '”', '《': '》', '「': '」', '『': '』', '"': '"' };

/** the longest sentence read as one: the work per figure grows with it, and real sentences are far shorter */
const LONGEST_SENTENCE = 400;

/** a run-on "sentence" (a pasted table, text without 。) cut after ； and then after ， */
function boundedSentences(s: string): string[] {
  if (s.length <= LONGEST_SENTENCE) return [s];
  const parts = s.split(/(?<=[；;])/);
  if (parts.length > 1) return parts.flatMap(boundedSentences);
  const out: string[] = [];
  let current = '';
  // clauses, and text without any stop at all in slices of the longest length
  const pieces = s.split(/(?<=[，,、])/).flatMap((c) => c.match(new RegExp(`[^]{1,${LONGEST_SENTENCE}}`, 'g')) ?? []);
  for (const piece of pieces) {
    if (current.length + piece.length > LONGEST_SENTENCE && current) {
      out.push(current);
      current = '';
    }
    current += piece;
  }
  return current ? [...out, current] : out;
}

/** sentences of a text: split after 。！？ and at line ends (a ； joins clauses that share their time: "一年来，…；…") */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[。！？!?])|\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .flatMap(boundedSentences);
}

function clauseStart(s: string, at: number, boundary: RegExp): number {
  for (let i = at - 1; i >= 0; i--) if (boundary.test(s[i])) return i + 1;
  return 0;
}
function clauseEnd(s: string, from: number, boundary: RegExp): number {
  for (let i = from; i < s.length; i++) if (boundary.test(s[i])) return i;
  return s.length;
}

function insideQuotes(s: string, at: number): boolean {
  const open: string[] = [];
  for (let i = 0; i < at; i++) {
    const ch = s[i];
    if (open.length > 0 && ch === open[open.length - 1]) open.pop();
    else if (ch in OPEN_QUOTES) open.push(OPEN_QUOTES[ch]);
  }
  return open.length > 0;
}

/**
 * A cue of existence or of the past counts unless a word of the plan's own work follows it ("在现有基础上新建…");
 * from an earlier clause of the sentence ("全镇现有村级妇联23个，妇女小组96个") it counts until a verb intervenes.
 */
function cueHolds(text: string, cue: RegExp, override: { test: (s: string) => boolean }[] = [FUTURE_AFTER_CUE]): boolean {
  let last = -1;
  for (const m of text.matchAll(cue)) last = m.index + m[0].length;
  return last >= 0 && !override.some((re) => re.test(text.slice(last)));
}

const VERB_RUNS = new RegExp(VERB_RE.source, 'g');
/** a verb of the plan's own work after a cue, other than one saying how far what exists reaches ("带动", "惠及") */
const WORK_VERB = { test: (s: string) => [...s.matchAll(VERB_RUNS)].some((m) => !REACH_VERBS.test(m[0])) };

/** the sentence opens in the past ("去年，…", "2025年，…") and turns to the plan's own work only after the figure, if at all */
function pastOpening(whole: string, at: number, planYear: number | null): boolean {
  // after a label ("注：2026年全市…", "● 服务方面：…") the sentence opens where the label ends
  const label = /^[^，,。；;：:]{0,6}[：:]/.exec(whole)?.[0].length ?? 0;
  if (label >= at) return false;
  const sentence = whole.slice(label);
  at -= label;
  const firstEnd = clauseEnd(sentence, 0, /[，,]/);
  const year = /^(?:在)?((?:19|20)\d{2})年/.exec(sentence);
  const opensPast = (firstEnd < sentence.length && PAST_OPENING.test(sentence.slice(0, firstEnd))) || (planYear !== null && year !== null && Number(year[1]) < planYear);
  return opensPast && !FUTURE_AFTER_CUE.test(sentence.slice(firstEnd, at));
}

const QUALIFIER_AT_END = new RegExp(`(?:${QUALIFIERS.join('|')})+$`);

/** where the figure stands: its sentence, the clause up to it (from the last comma), the text after it */
/** a clause opening with an earlier year than the plan's ("2026年举办32场" in a plan for 2027) */
function pastYear(clause: string, planYear: number | null): boolean {
  const year = /^(?:在)?((?:19|20)\d{2})年/.exec(clause);
  return planYear !== null && year !== null && Number(year[1]) < planYear;
}

type Context = { sentence: string; at: number; before: string; after: string; unitWord: string; qualifier: string; core: string; spansYears: boolean };

function reasonToSkip(c: Context, planYear: number | null): string | null {
  if (/(第|前|后|排名)$/.test(c.sentence.slice(0, c.at))) return '序数或排名';
  if (/[由从]$/.test(c.before)) return '变化前的基数';
  // "分两次开展督查", "分3批推进": how the work is divided, not how much of it there is
  if (/(?<![部充积十])分$/.test(c.before)) return '分几次进行的安排';
  if (insideQuotes(c.sentence, c.at)) return '名称或引语中的数字';
  if (c.unitWord === '个' && SLOGAN_AFTER_GE.test(c.after)) return '固定提法中的数字';
  if (c.unitWord === '个百分点') return '增减幅度';
  // in a plan over several years "每年举办2期" is the target of each of its years
  if (PER_UNIT.test(c.spansYears ? c.before.replace(/每年度?/g, '') : c.before) || PER_UNIT_AFTER.test(c.after)) return '每单位或频次要求';
  if (pastOpening(c.sentence, c.at, planYear) || pastYear(c.before, planYear)) return '过去的数字';
  if (/等$/.test(c.before) || /^(已|现有)/.test(c.after)) return '已有的数量';
  if (WHOLE_OF_PLACE.test(c.before) || SCOPE_AFTER.test(c.after)) return '已有的数量';
  if (cueHolds(c.before, SELF_COUNT_CUE, [VERB_RE])) return '文件自身的条目数';
  if (cueHolds(c.before, EXISTING_CUE) || cueHolds(c.sentence.slice(0, c.at), EXISTING_CUE, [FUTURE_AFTER_CUE, WORK_VERB, TARGET_WORDS])) return '已有的数量';
  // "执委共7人": a total with no work done to it
  if (/^(共|共计|总计|合计)$/.test(c.qualifier) && c.core.replace(LEADING_FILLER, '').length > 0 && !VERB_RE.test(c.core)) return '已有的数量';
  if (cueHolds(c.before, RESOURCE_CUE, [FUTURE_AFTER_CUE, VERB_RE])) return '已有的数量';
  if (c.unitWord === '%' && !c.qualifier && SHARE_OF.test(c.core)) return '比重或权重';
  if (cueHolds(c.before, PAST_CUE) || DONE_LE.test(c.before.slice(-12)) || /^了/.test(c.after)) return '过去的数字';
  if (c.unitWord === '%' && !/[到至在]/.test(c.qualifier) && CHANGE_BEFORE_PERCENT.test(c.core)) return '增减幅度';
  return null;
}

/** the verb, object and phrase of a figure, from its clause (and the list it stands in, for a shared verb) */
function describe(core: string, objectAfter: string, listVerbSource: string) {
  const cleaned = core.replace(/^.*基础上/, '').replace(LEADING_FILLER, '');
  if (RATE_WORDS.test(cleaned)) return { verb: null, object: cleaned, phrase: cleaned };
  const m = VERB_RE.exec(cleaned);
  if (m) {
    const objectBefore = cleaned.slice(m.index + m[0].length);
    const object = objectBefore || objectAfter || null;
    return { verb: m[0], object, phrase: cleaned + (objectBefore ? '' : objectAfter) };
  }
  const inherited = VERB_RE.exec(listVerbSource.replace(LEADING_FILLER, ''));
  const object = cleaned || objectAfter || null;
  return { verb: inherited?.[0] ?? null, object, phrase: `${inherited?.[0] ?? ''}${object ?? ''}` };
}

function figureAt(sentence: string, m: RegExpExecArray, planYear: number | null, spansYears: boolean): FoundFigure | null {
  const percent = m[1] !== undefined;
  const unitWord = percent ? '%' : m[5];
  const rest = sentence.slice(m.index + m[0].length);
  if (!percent && NOT_AFTER_UNIT[unitWord]?.test(rest)) return null;
  const value = numberOf(percent ? m[1] : m[2], percent ? undefined : m[3]);
  // beyond what a target may hold (1 亿): a code or a run of digits, not a figure
  if (value === null || value > 100_000_000) return null;
  const chinese = !/^\d/.test(percent ? m[1] : m[2]);
  const wideStart = clauseStart(sentence, m.index, CLAUSE_END);
  // 、 parts the items of a list of figures ("新建妇女之家10个、妇女微家20个"); between places or kinds of work
  // that share one figure ("深入田间地头、社区楼宇开展宣讲150场") the whole clause names what is counted
  const itemStart = clauseStart(sentence, m.index, LIST_ITEM_END);
  const start = new RegExp(FIGURE_RE.source).test(sentence.slice(wideStart, itemStart)) ? itemStart : wideStart;
  const before = sentence.slice(start, m.index);
  const afterRaw = sentence.slice(m.index + m[0].length, clauseEnd(sentence, m.index + m[0].length, LIST_ITEM_END));
  const tail = /^(以上|以内|左右|余|多)*/.exec(afterRaw)![0];
  const qualifier = QUALIFIER_AT_END.exec(before)?.[0] ?? '';
  const core = before.slice(0, before.length - qualifier.length);
  // "一个", "一批", "百名", "千家" in running text are idioms, not counts
  if (chinese && !qualifier && (value === 1 || /^[百千万]+$/.test(percent ? m[1] : m[2]))) return null;
  const ctx: Context = { sentence, at: m.index, before: sentence.slice(wideStart, m.index), after: rest, unitWord, qualifier, core, spansYears };
  const objectAfter = afterRaw.slice(tail.length).replace(/^的/, '').slice(0, 30);
  const coreHasObject = VERB_RE.test(core) ? core.replace(LEADING_FILLER, '').replace(VERB_RE, '').length > 0 : core.length > 0;
  const described = describe(core.replace(/[由从].*$/, ''), coreHasObject ? '' : objectAfter, sentence.slice(wideStart, start));
  const context = previousClause(sentence, wideStart);
  // "受众3000人次", "全年不少于140场": what is counted was named in the clause before
  if (!described.object || described.phrase.length <= 4) described.phrase = `${context}${described.phrase}`;
  return {
    sentence,
    quote: `${qualifier}${m[0]}${tail}`,
    value,
    unit: UNIT_OF.get(unitWord) ?? '个',
    unitText: unitWord,
    verb: described.verb,
    object: described.object,
    phrase: described.phrase,
    context,
    before: sentence.slice(0, wideStart).replace(FIGURE_RE, ''),
    // the clause's own deadline first: "上半年开展宣讲20场，9月30日前培训执委500人次"
    deadline: deadlineIn(sentence.slice(wideStart, clauseEnd(sentence, m.index, CLAUSE_END))) ?? deadlineIn(sentence),
    skip: reasonToSkip(ctx, planYear) ?? (UNITS_WITHOUT_METRIC.includes(unitWord) ? NO_METRIC_UNIT : null),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** the last day of a month, in a leap year so that 2月底 is always 29th at most (the plan's year is applied later) */
const monthEnd = (month: number) => new Date(Date.UTC(2024, month, 0)).getUTCDate();

/** "6月底前", "9月30日前", "上半年", "前三季度" in the sentence → "MM-DD" */
export function deadlineIn(sentence: string): string | null {
  const day = /(\d{1,2})月(\d{1,2})日(?:前|之前|以前)/.exec(sentence);
  if (day) {
    const [m, d] = [Number(day[1]), Number(day[2])];
    return m >= 1 && m <= 12 && d >= 1 && d <= monthEnd(m) ? `${pad(m)}-${pad(d)}` : null;
  }
  const month = /(\d{1,2})月(?:底|末)(?:前|之前|以前)?/.exec(sentence);
  if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) return `${pad(Number(month[1]))}-${pad(monthEnd(Number(month[1])))}`;
  if (/上半年/.test(sentence)) return '06-30';
  if (/前三季度/.test(sentence)) return '09-30';
  return null;
}

/** the clause before the figure's clause, without its figures: what "全年不少于140场" counts */
function previousClause(sentence: string, wideStart: number): string {
  if (wideStart === 0) return '';
  const start = clauseStart(sentence, wideStart - 1, CLAUSE_END);
  return sentence
    .slice(start, wideStart - 1)
    .replace(FIGURE_RE, '')
    .replace(LEADING_FILLER, '');
}

/** every figure with a unit in the text, commitments and the others */
/** planYear: figures of years before it are of the past; spansYears: the plan covers a range of years ("2027—2029年") */
export function findFigures(text: string, planYear: number | null, opts: { spansYears?: boolean } = {}): FoundFigure[] {
  const out: FoundFigure[] = [];
  for (const sentence of sentencesOf(text)) {
    for (const m of sentence.matchAll(FIGURE_RE)) {
      const f = figureAt(sentence, m, planYear, opts.spansYears ?? false);
      if (f) out.push(f);
    }
  }
  return out;
}
