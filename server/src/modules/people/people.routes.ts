import type { AppDeps } from '../../deps.ts';
import type { App } from '../../http/types.ts';

export function registerPeopleRoutes(_app: App, _deps: AppDeps) {}
