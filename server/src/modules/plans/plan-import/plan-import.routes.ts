import type { AppDeps } from '../../../deps.ts';
import type { App } from '../../../http/types.ts';

export function registerPlanImportRoutes(app: App, deps: AppDeps) {
  void app;
  void deps;
}
