export const SERVER_ARGS: string[];
export function buildServer(): Promise<string>;
export function buildServerIfStale(): Promise<boolean>;
