import type { AppDeps } from '../../deps.ts';
import type { App } from '../../http/types.ts';

export function registerMetricRoutes(_app: App, _deps: AppDeps) {}
