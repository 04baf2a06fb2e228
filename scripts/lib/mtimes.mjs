import fs from 'node:fs';
import path from 'node:path';

/** newest modification time of a file or of any file under a directory, node_modules aside (0 when absent) */
function newestMtime(entry) {
  const st = fs.statSync(entry, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) {
    if (name !== 'node_modules') newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** whether `output` is missing or older than the newest of `inputs` */
export function isStale(output, inputs) {
  const builtAt = fs.statSync(output, { throwIfNoEntry: false })?.mtimeMs;
  return builtAt === undefined || builtAt < Math.max(...inputs.map(newestMtime));
}
