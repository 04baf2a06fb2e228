import { parsePlaceholders, type DocSection, type Placeholder } from '@jinguo/common/documents.schema.ts';
import { periodLabel } from '@jinguo/common/periods.ts';
import type { Db } from '../../http/access.ts';
import { AppError, invalidField } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { findVisibleKinds } from '../activities/activity-kinds.service.ts';
import { findVisibleMetric, requireDerived } from '../metrics/metrics.service.ts';
import type { FigurePlaceholder } from './document-figures.ts';

/** Placeholders in templates and drafts: checked on save (400 naming the section), text ones replaced on generation. */
export type PlaceholderText = { path: string; text: string };

export function sectionTexts(prefix: string, sections: DocSection[]): PlaceholderText[] {
  return sections.flatMap((s, i) => [
    { path: `${prefix}.${i}.title`, text: s.title },
    { path: `${prefix}.${i}.body`, text: s.body },
  ]);
}

async function problemOf(db: Db, actor: Actor, p: Placeholder): Promise<string | null> {
  if (p.kind === 'unknown') return `无法识别的占位符 ${p.raw}`;
  if (p.kind === 'metric') {
    try {
      requireDerived(await findVisibleMetric(db, actor, p.code));
    } catch (err) {
      if (err instanceof AppError) return `${p.raw}：${err.code === 'NOT_FOUND' ? '指标不存在或不可用' : err.message}`;
      throw err;
    }
  }
  if (p.kind === 'activities' && (await findVisibleKinds(db, actor, [p.code])).length === 0) return `${p.raw}：活动类型不存在或不可用`;
  return null;
}

/** every placeholder names something the actor may use; otherwise 400 naming the first field at fault */
export async function requireKnownPlaceholders(db: Db, actor: Actor, texts: PlaceholderText[]): Promise<void> {
  const checked = new Map<string, string | null>();
  for (const t of texts) {
    for (const p of parsePlaceholders(t.text)) {
      if (!checked.has(p.raw)) checked.set(p.raw, await problemOf(db, actor, p));
      const problem = checked.get(p.raw);
      if (problem) throw invalidField(t.path, problem);
    }
  }
}

/** the figure placeholders of some texts, once each, in order of appearance */
export function figurePlaceholders(texts: string[]): FigurePlaceholder[] {
  const seen = new Map<string, FigurePlaceholder>();
  for (const t of texts) {
    for (const p of parsePlaceholders(t)) {
      if (p.kind !== 'text' && p.kind !== 'unknown' && !seen.has(p.key)) seen.set(p.key, p);
    }
  }
  return [...seen.values()];
}

/** {{组织}} {{期间}} {{年度}} replaced; figure placeholders left for the draft */
export function fillTextPlaceholders(s: string, v: { orgName: string; period: string }): string {
  const values: Record<string, string> = { 组织: v.orgName, 期间: periodLabel(v.period), 年度: v.period.slice(0, 4) };
  return s.replace(/\{\{\s*(组织|期间|年度)\s*\}\}/g, (_, name: string) => values[name]);
}
