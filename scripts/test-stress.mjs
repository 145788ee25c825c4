// `pnpm test:stress`: the README's test command (turbo's cache bypassed) with busy CPU loops beside
// it, as CI's own load and a shared machine produce. A race that an idle machine hides shows here.
// Usage: pnpm test:stress [--loops N]   (default 3 loops; prints one PASS/FAIL line at the end)
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { loops: { type: 'string', default: '3' } } });
const loopCount = Number(values.loops);
if (!Number.isInteger(loopCount) || loopCount < 0) {
  console.error('test:stress: --loops takes a whole number (0 or more)');
  process.exit(2);
}

// Each loop is its own process spinning on one core until it is killed.
const loops = Array.from({ length: loopCount }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const stopLoops = () => {
  for (const loop of loops) loop.kill('SIGKILL');
};
process.on('exit', stopLoops);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopLoops();
    process.exit(130);
  });
}

/** Runs one step of the README's test command; resolves with its exit code. */
function run(command, args) {
  return new Promise((resolve) => {
    // TURBO_FORCE: turbo runs every task again instead of replaying a cached pass.
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, CI: 'true', TURBO_FORCE: 'true' },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const startedAt = Date.now();
const steps = [
  ['pnpm', ['test']],
  ['pnpm', ['test:reliability']],
];
let failed;
for (const [command, args] of steps) {
  const code = await run(command, args);
  if (code !== 0) {
    failed = `${command} ${args.join(' ')} exited ${code}`;
    break;
  }
}
stopLoops();
const seconds = Math.round((Date.now() - startedAt) / 1000);
console.log(
  failed
    ? `test:stress: FAIL after ${seconds} s with ${loopCount} busy loops (${failed})`
    : `test:stress: PASS in ${seconds} s with ${loopCount} busy loops`,
);
process.exit(failed ? 1 : 0);
