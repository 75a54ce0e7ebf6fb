#!/usr/bin/env node
// The browser suite next to busy CPUs: a test that passes only on an idle machine (a stopwatch, a
// wait that is short for a loaded CI runner, an event awaited after it already fired) fails here.
// `npm run test:load [-- --files test/components/x.test.ts …]`; BUSY=<n> sets the busy loops
// (default: one per core). Not part of `npm test`: a tool for finding flaky tests before CI does.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const busy = Number(process.env.BUSY ?? availableParallelism());
const loops = Array.from({ length: busy }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const stop = () => loops.forEach((loop) => loop.kill());
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));

console.log(`test:load: ${busy} busy loop(s) beside the browser suite`);
const runner = spawn('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
runner.on('close', (code) => {
  stop();
  process.exit(code ?? 1);
});
