// `npm test`: every check the project has, cheapest first, stopping at the first failure.
//
//   npm test                   all steps
//   npm test -- unit e2e       only the named steps (names below), in the usual order
//   npm test -- --from unit    start at a step (e.g. after fixing it)
import fs from 'node:fs';
import path from 'node:path';
import { formatDuration, localBin, projectRoot, run } from './lib/process.ts';

type Step = { name: string; title: string; command: () => string[]; skip?: () => string | undefined };

const checkMigrations = path.join(projectRoot, 'scripts', 'check-migrations.ts');

const steps: Step[] = [
  { name: 'typecheck', title: 'Type check (tsc --noEmit)', command: () => [localBin('tsc'), '--noEmit'] },
  { name: 'lint', title: 'Lint (eslint .)', command: () => [localBin('eslint'), '.'] },
  {
    name: 'migrations',
    title: 'Migration drift check (scripts/check-migrations.ts)',
    command: () => [localBin('tsx'), checkMigrations],
    skip: () => (fs.existsSync(checkMigrations) ? undefined : 'scripts/check-migrations.ts does not exist yet'),
  },
  { name: 'unit', title: 'Unit and integration tests (vitest run)', command: () => [localBin('vitest'), 'run'] },
  {
    name: 'browser',
    title: 'Chromium for the e2e tests (scripts/provide-browser.ts)',
    command: () => [localBin('tsx'), path.join(projectRoot, 'scripts', 'provide-browser.ts')],
  },
  { name: 'e2e', title: 'End-to-end tests (playwright test)', command: () => [localBin('playwright'), 'test'] },
];

type Outcome = { step: Step; result: 'passed' | 'failed' | 'skipped' | 'not run'; ms?: number; note?: string };

function selectSteps(args: string[]): Step[] {
  const fromIndex = args.indexOf('--from');
  if (fromIndex !== -1) {
    const start = steps.findIndex((step) => step.name === args[fromIndex + 1]);
    if (start === -1) usage(`unknown step "${args[fromIndex + 1] ?? ''}"`);
    return steps.slice(start);
  }
  if (args.length === 0) return steps;
  const unknown = args.filter((arg) => !steps.some((step) => step.name === arg));
  if (unknown.length > 0) usage(`unknown step ${unknown.map((u) => `"${u}"`).join(', ')}`);
  // The e2e step needs the browser the browser step provides.
  const wanted = args.includes('e2e') ? [...args, 'browser'] : args;
  return steps.filter((step) => wanted.includes(step.name));
}

function usage(problem: string): never {
  console.error(`npm test: ${problem}. Steps: ${steps.map((s) => s.name).join(', ')}; or --from <step>.`);
  process.exit(2);
}

function printSummary(outcomes: Outcome[], totalMs: number): void {
  const width = Math.max(...outcomes.map((o) => o.step.name.length));
  console.log('\n── Summary ─────────────────────────────────────────────');
  for (const { step, result, ms, note } of outcomes) {
    const mark = { passed: '✔', failed: '✘', skipped: '–', 'not run': ' ' }[result];
    const time = ms === undefined ? '' : ` (${formatDuration(ms)})`;
    console.log(`  ${mark} ${step.name.padEnd(width)}  ${result}${time}${note ? ` — ${note}` : ''}`);
  }
  const failed = outcomes.find((o) => o.result === 'failed');
  console.log(
    failed
      ? `\n  FAILED at "${failed.step.name}" after ${formatDuration(totalMs)}. Re-run from there: npm test -- --from ${failed.step.name}\n`
      : `\n  All checks passed in ${formatDuration(totalMs)}.\n`,
  );
}

async function main(): Promise<void> {
  const selected = selectSteps(process.argv.slice(2));
  const outcomes: Outcome[] = selected.map((step) => ({ step, result: 'not run' }));
  const started = Date.now();
  for (const outcome of outcomes) {
    const { step } = outcome;
    const skipReason = step.skip?.();
    if (skipReason) {
      Object.assign(outcome, { result: 'skipped', note: skipReason });
      console.log(`\n── ${step.title}: skipped (${skipReason})`);
      continue;
    }
    console.log(`\n── ${step.title} ${'─'.repeat(Math.max(0, 52 - step.title.length))}`);
    const stepStarted = Date.now();
    const [command, ...args] = step.command();
    const status = await run(command!, args);
    const ms = Date.now() - stepStarted;
    Object.assign(outcome, { result: status === 0 ? 'passed' : 'failed', ms, note: status === 0 ? undefined : `exit ${status}` });
    console.log(`── ${step.name}: ${status === 0 ? 'passed' : 'FAILED'} in ${formatDuration(ms)}`);
    if (status !== 0) break;
  }
  printSummary(outcomes, Date.now() - started);
  process.exit(outcomes.some((o) => o.result === 'failed') ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
