import type { Db } from '../../http/access.ts';
import { AppError } from '../../http/app-error.ts';
import type { Actor } from '../../http/types.ts';
import { visibleMetricsQuery } from './metric-definitions.queries.ts';

export type MetricDefinition = {
  code: string;
  name: string;
  unit: string;
  source: 'derived' | 'reported';
  aggregation: 'count_activities' | 'sum_participants' | null;
  kindCodes: string[];
};

/** a metric the actor may see, or NOT_FOUND */
export async function findVisibleMetric(db: Db, actor: Actor, code: string): Promise<MetricDefinition> {
  const m = await visibleMetricsQuery(db, actor).where('m.code', '=', code).executeTakeFirst();
  if (!m) throw new AppError('NOT_FOUND', { message: `找不到指标 ${code}` });
  return { code: m.code, name: m.name, unit: m.unit, source: m.source, aggregation: m.aggregation, kindCodes: m.kind_codes };
}
