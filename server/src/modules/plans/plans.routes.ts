import type { AppDeps } from '../../deps.ts';
import type { App } from '../../http/types.ts';

export function registerPlanRoutes(_app: App, _deps: AppDeps) {}
