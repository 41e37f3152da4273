#!/usr/bin/env node
// The `gloss` command (package.json "bin"): runs main/cli.ts through tsx, so a
// checkout needs no build step before `npx gloss`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli.ts');
try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  });
} catch (error) {
  process.stderr.write(`gloss: an unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
