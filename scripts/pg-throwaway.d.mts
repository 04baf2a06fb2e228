/** a throwaway PostgreSQL cluster (see pg-throwaway.mjs) */
export type ThrowawayCluster = {
  url: string;
  port: number;
  dir: string;
  stop: () => Promise<void>;
  /** stop the server (fast shutdown) and start it again on the same port */
  pause: () => Promise<void>;
  resume: () => Promise<void>;
};
type Options = { log?: (message: string) => void };
export function startThrowawayPostgres(opts?: Options & { detached?: boolean }): Promise<ThrowawayCluster>;
export function startThrowawayReplica(primary: { url: string }, opts?: Options): Promise<ThrowawayCluster>;
export function stopAllThrowawayPostgres(): Promise<void>;
export function startThrowawayPgbouncer(cluster: { url: string }, opts?: { poolSize?: number }): Promise<{ url: string; port: number; stop: () => Promise<void> }>;
