/** run fn `runs` times after `warmup` untimed calls; milliseconds */
export async function timeRuns(runs: number, fn: (i: number) => Promise<unknown>, warmup = 0) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { p50: round(at(0.5)), p95: round(at(0.95)), runs };
}

export async function timeOnce<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: round(performance.now() - t0), value };
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export function log(line: string) {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}
