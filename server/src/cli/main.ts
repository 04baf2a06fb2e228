import { runCli } from './run-cli.ts';

/** entry of `npx jinguo` (server/bin/jinguo.mjs) */
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exit(code);
