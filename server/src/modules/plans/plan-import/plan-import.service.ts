import type { ImportNode, ImportProposal, PlanImportDraft, SkippedFigure } from '@jinguo/common/plan-import.schema.ts';
import { requireRole, type Db } from '../../../http/access.ts';
import { invalidField } from '../../../http/app-error.ts';
import type { Actor } from '../../../http/types.ts';
import { findVisibleKinds } from '../../activities/activity-kinds.service.ts';
import { listMetrics } from '../../metrics/metrics.service.ts';
import { FORWARD_SECTION, PAST_SECTION, PLAN_TITLE, REPORT_TITLE } from './commitment-rules.ts';
import { findFigures } from './commitments.ts';
import { matchMetricInContext, newMetricName, type MatchableMetric } from './metric-match.ts';
import { readDocxLines } from './plan-docx.ts';
import { linesOfText, outlineOf, type SourceLine } from './plan-outline.ts';

/**
 * Reading a plan document: the section tree and the numeric commitments, each proposed as a target with an
 * existing metric that fits or a new one. Nothing is stored: a person reviews the draft and saves it (see
 * plan-import-save.service.ts). Only those who may create plans (admins and staff) read documents into plans.
 */
const PREAMBLE_KEY = 'n0';

async function matchableMetrics(db: Db, actor: Actor): Promise<MatchableMetric[]> {
  const metrics = (await listMetrics(db, actor)).items.filter((m) => m.active && m.unit);
  const kinds = await findVisibleKinds(db, actor, [...new Set(metrics.flatMap((m) => m.kindCodes))]);
  const kindName = new Map(kinds.map((k) => [k.code, k.name]));
  return metrics.map((m) => ({ code: m.code, name: m.name, unit: m.unit, kindNames: m.kindCodes.map((c) => kindName.get(c) ?? '').filter(Boolean) }));
}

/** the year a short section title opens with ("2025年工作回顾"), or 0 */
const yearOf = (node: ImportNode) => (node.title.length <= 20 ? Number(/^((?:19|20)\d{2})年/.exec(node.title)?.[1] ?? 0) : 0);

type Found = { metrics: MatchableMetric[]; skipped: SkippedFigure[]; offset: number; lookingBack: boolean; documentTitle: string | null; spansYears: boolean };

function proposalsOf(node: ImportNode, year: number | null, found: Found): ImportProposal[] {
  const text = [node.title, node.body].filter(Boolean).join('\n');
  const out: ImportProposal[] = [];
  for (const f of findFigures(text, year, { spansYears: found.spansYears })) {
    const skip = f.skip ?? (found.lookingBack ? '工作回顾中的数字' : null);
    if (skip) {
      found.skipped.push({ quote: f.quote, sentence: f.sentence, reason: skip });
      continue;
    }
    out.push({
      key: `p${found.offset + out.length + 1}`,
      nodeKey: node.key,
      sentence: f.sentence,
      quote: f.quote,
      value: f.value,
      unit: f.unit,
      unitText: f.unitText,
      verb: f.verb,
      object: f.object,
      metric: matchMetricInContext(found.metrics, f, [node.title, found.documentTitle]),
      newMetric: { name: newMetricName(f.phrase, f.unit, node.title), unit: f.unit },
      deadline: f.deadline,
    });
  }
  return out;
}

export async function analysePlanText(db: Db, actor: Actor, input: { text: string; year?: number | null }): Promise<PlanImportDraft> {
  requireRole(actor, 'admin', 'staff');
  return analyseLines(db, actor, linesOfText(input.text), input.year ?? null);
}

/** a .docx read into lines first; the role is checked before the file is read */
export async function analysePlanDocx(db: Db, actor: Actor, readFile: () => Promise<Buffer>): Promise<PlanImportDraft> {
  requireRole(actor, 'admin', 'staff');
  return analyseLines(db, actor, await readDocxLines(await readFile()), null);
}

async function analyseLines(db: Db, actor: Actor, lines: SourceLine[], year: number | null): Promise<PlanImportDraft> {
  const outline = outlineOf(lines, year);
  if (outline.paragraphs === 0) throw invalidField('body.text', '没有读到正文');
  const metrics = await matchableMetrics(db, actor);
  const skipped: SkippedFigure[] = [];
  const proposals: ImportProposal[] = [];
  // the text before the first heading becomes a task only when it holds commitments
  const preamble: ImportNode | null = outline.preamble
    ? { key: PREAMBLE_KEY, parentKey: null, level: 0, numbering: '', title: '总体目标', body: outline.preamble }
    : null;
  const nodes = preamble ? [preamble, ...outline.nodes] : outline.nodes;
  // a section looking back ("一、2025年工作回顾", "二、存在的问题", a year before the latest one named, or before the
  // first of the plan's range of years; in a report on work done, any but its next steps) holds results, not commitments
  const lookingBack = new Set<string>();
  const latestYear = Math.max(outline.year ?? 0, ...nodes.map(yearOf));
  const firstYear = outline.fromYear ?? latestYear;
  const spansYears = outline.fromYear !== null && outline.fromYear < (outline.year ?? 0);
  const report = outline.title !== null && REPORT_TITLE.test(outline.title) && !PLAN_TITLE.test(outline.title);
  for (const node of nodes) {
    const earlier = yearOf(node) > 0 && yearOf(node) < firstYear;
    const reportedWork = report && node.parentKey === null && node.key !== PREAMBLE_KEY && !FORWARD_SECTION.test(node.title);
    if (earlier || reportedWork || PAST_SECTION.test(node.title) || (node.parentKey && lookingBack.has(node.parentKey))) lookingBack.add(node.key);
    const found = { metrics, skipped, offset: proposals.length, lookingBack: lookingBack.has(node.key), documentTitle: outline.title, spansYears };
    proposals.push(...proposalsOf(node, outline.fromYear ?? outline.year, found));
  }
  const keepPreamble = proposals.some((p) => p.nodeKey === PREAMBLE_KEY);
  return {
    title: outline.title,
    year: outline.year,
    nodes: keepPreamble ? nodes : outline.nodes,
    proposals,
    skipped,
    paragraphs: outline.paragraphs,
    mayCreateMetrics: actor.role === 'admin',
  };
}
