import type { MetricUnit } from '@jinguo/common/units.ts';

/**
 * Which existing metric a commitment measures: the metric's name (without its 场次/人次 ending) and, for metrics
 * of one or two activity kinds, the kinds' names are looked for in what the commitment counts; the units must
 * agree (场, 次 and 期 all count sessions; 人 and 人次 count people). When nothing fits, a new metric is named
 * after the commitment.
 */
export type MatchableMetric = { code: string; name: string; unit: MetricUnit; kindNames: string[] };
export type MetricMatch = { code: string; name: string; unit: MetricUnit } | null;

const SESSIONS: MetricUnit[] = ['场', '次', '期'];
const PEOPLE: MetricUnit[] = ['人', '人次'];
const NAME_ENDING = /(场次|人次|次数|人数|户数|个数|期数|数量|数)$/;
const SUFFIX_OF_UNIT: Partial<Record<MetricUnit, string>> = { 人次: '人次', 人: '人数', 场: '场次', 次: '次数', 期: '期数', 户: '户数' };
const MIN_SIMILARITY = 0.6;
/** words plans use for the same work as a metric's name */
const SYNONYMS: [RegExp, string][] = [
  [/轮训/g, '培训'],
  [/家长学校/g, '家庭教育'],
  [/[“”"《》「」]/g, ''],
];

function unitFit(metric: MetricUnit, figure: MetricUnit): number {
  if (metric === figure) return 1;
  if (SESSIONS.includes(metric) && SESSIONS.includes(figure)) return 0.8;
  if (PEOPLE.includes(metric) && PEOPLE.includes(figure)) return 0.7;
  return 0;
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** the length of the longest common subsequence of two short strings */
function commonSubsequence(a: string, b: string): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const ch of a) {
    const row = [0];
    for (let j = 1; j <= b.length; j++) row.push(ch === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]));
    prev = row;
  }
  return prev[b.length];
}

/**
 * 1 when the phrase contains the keyword; else the share of the keyword's character pairs found in the phrase, or,
 * when all its characters but one stand in order within a stretch two characters longer than it, that share of its
 * characters — a word left out or put between ("巾帼宣讲员" for 巾帼大宣讲, "中心组学习" for 集中学习) still counts
 */
function similarity(keyword: string, phrase: string): number {
  if (phrase.includes(keyword)) return 1;
  const pairs = bigrams(keyword);
  const found = new Set(bigrams(phrase));
  if (pairs.length === 0) return 0;
  const pairShare = pairs.filter((g) => found.has(g)).length / pairs.length;
  if (keyword.length < 4) return pairShare;
  let inOrder = 0;
  for (let i = 0; i < phrase.length; i++) {
    if (keyword.includes(phrase[i])) inOrder = Math.max(inOrder, commonSubsequence(keyword, phrase.slice(i, i + keyword.length + 2)));
  }
  return inOrder >= keyword.length - 1 ? Math.max(pairShare, inOrder / keyword.length) : pairShare;
}

function keywordsOf(m: MatchableMetric): string[] {
  const core = m.name.replace(NAME_ENDING, '');
  return [core, ...(m.kindNames.length <= 2 ? m.kindNames : [])].filter((k) => k.length >= 2);
}

/** `exactUnit` for guesses from a wider context, where a kindred unit is too weak a sign */
export function matchMetric(metrics: MatchableMetric[], written: string, unit: MetricUnit, opts: { exactUnit?: boolean } = {}): MetricMatch {
  const phrase = SYNONYMS.reduce((s, [re, to]) => s.replace(re, to), written);
  let best: { m: MatchableMetric; score: number; sim: number } | null = null;
  for (const m of metrics) {
    const fit = unitFit(m.unit, unit);
    if (fit === 0 || (opts.exactUnit && fit < 1)) continue;
    const sim = Math.max(0, ...keywordsOf(m).map((k) => similarity(k, phrase)));
    // the longer keyword wins a tie: 执委培训 over 培训
    const score = sim * fit + m.name.length / 1000;
    if (sim >= MIN_SIMILARITY && (!best || score > best.score)) best = { m, score, sim };
  }
  return best ? { code: best.m.code, name: best.m.name, unit: best.m.unit } : null;
}

/** words saying how far the work named before reached ("开展两癌筛查，筛查适龄妇女600人", "完成筛查任务900人") */
const REACH = /^(完成)?(覆盖|惠及|受众|参与|参加|服务|带动|筛查|培训|宣讲)/;
/** people taking part in work named before ("组织适龄妇女参加筛查120人") */
const TAKING_PART = /(参加|参与|受众)/;

/**
 * The metric of the figure's own words; when they name no work of their own or only how far it reached, that of the
 * clause before, of the whole sentence before it, and last of the section's and the document's titles (a plan for one
 * campaign: "巾帼宣讲三年行动方案" … "开展宣讲400场")
 * ("联合卫生院开展两癌筛查，完成筛查任务900人", "组织巾帼宣讲员进村入户，全年宣讲180场，受众2万人次"), where the
 * unit must be the metric's own.
 */
export function matchMetricInContext(
  metrics: MatchableMetric[],
  f: { phrase: string; context: string; before?: string; unit: MetricUnit },
  titles: (string | null)[] = [],
): MetricMatch {
  const own = matchMetric(metrics, f.phrase, f.unit);
  if (own || !(f.phrase.length <= 4 || REACH.test(f.phrase) || TAKING_PART.test(f.phrase))) return own;
  for (const wider of [f.context, f.before, ...titles]) {
    if (!wider) continue;
    const match = matchMetric(metrics, `${wider}${f.phrase}`, f.unit, { exactUnit: true });
    if (match) return match;
  }
  return null;
}

/** the name of a new metric for a commitment: what it counts, with the unit's usual ending */
export function newMetricName(phrase: string, unit: MetricUnit, fallback: string): string {
  const base = (phrase || fallback).slice(0, 44);
  const suffix = SUFFIX_OF_UNIT[unit];
  if (!suffix || /率|比例|占比|满意度/.test(base) || NAME_ENDING.test(base)) return base;
  return `${base}${suffix}`;
}
