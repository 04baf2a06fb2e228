import type { AppDeps } from '../../deps.ts';
import type { App } from '../../http/types.ts';

export function registerImportRoutes(app: App, deps: AppDeps) {
  void app;
  void deps;
}
