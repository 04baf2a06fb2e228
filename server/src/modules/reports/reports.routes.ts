import type { AppDeps } from '../../deps.ts';
import type { App } from '../../http/types.ts';

export function registerReportRoutes(_app: App, _deps: AppDeps) {}
