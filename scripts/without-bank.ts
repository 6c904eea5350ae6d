// `npm run test:without-bank`: the proof of README.md's "Make it yours". A
// scratch copy of this checkout (tracked and new files, .tmp/without-bank/) has
// the demo bank removed exactly as the README says — its listed paths deleted,
// its demo-bank regions cut (scripts/lib/demo-bank.ts reads both from the
// README) — and then runs `npm test` there: typecheck, lint, migration drift,
// vitest and the Playwright security suite. Exit 1 on any failure. Arguments go
// to that `npm test` (`-- unit`, `-- --from e2e`). The copy stays for a look
// afterwards; the next run replaces it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bankPaths, withoutBankRegions } from './lib/demo-bank.ts';
import { CommandError, formatDuration, localBin, npmCommand, projectRoot, run, runOrFail } from './lib/process.ts';

const scratch = path.join(projectRoot, '.tmp', 'without-bank');
// Files whose text may hold demo-bank regions.
const TEXT = /\.(ts|tsx|mts|mjs|js|css|md|prisma|json|sh|ya?ml)$/;

/** Tracked and untracked-but-not-ignored files: what a commit of this checkout would hold. */
function checkoutFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\0').filter((file) => file !== '' && fs.lstatSync(path.join(projectRoot, file), { throwIfNoEntry: false })?.isFile());
}

/**
 * node_modules as hard links (seconds, no disk) where the filesystem allows,
 * else copies. A real directory, not a symlink: Next's Turbopack compiles
 * nothing outside the project root.
 */
function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else {
      try {
        fs.linkSync(source, target);
      } catch {
        fs.copyFileSync(source, target);
      }
    }
  }
}

function copyCheckout(): number {
  fs.rmSync(scratch, { recursive: true, force: true });
  const files = checkoutFiles();
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    fs.copyFileSync(path.join(projectRoot, file), path.join(scratch, file));
  }
  linkTree(path.join(projectRoot, 'node_modules'), path.join(scratch, 'node_modules'));
  return files.length;
}

/** Deletes the README's list and cuts the regions; returns what it did, for the log. */
function removeBank(): { deleted: string[]; edited: string[] } {
  const paths = bankPaths(fs.readFileSync(path.join(scratch, 'README.md'), 'utf8'));
  const missing = paths.filter((p) => !fs.existsSync(path.join(scratch, p)));
  // A listed path that is not there means the README's list went stale.
  if (missing.length > 0) throw new CommandError(`README.md lists bank paths that do not exist: ${missing.join(', ')}`);
  for (const p of paths) fs.rmSync(path.join(scratch, p), { recursive: true });
  const edited: string[] = [];
  for (const file of checkoutFiles().filter((f) => TEXT.test(f))) {
    const target = path.join(scratch, file);
    if (!fs.existsSync(target)) continue;
    const text = fs.readFileSync(target, 'utf8');
    const cut = withoutBankRegions(text, file);
    if (cut !== text) {
      fs.writeFileSync(target, cut);
      edited.push(file);
    }
  }
  return { deleted: paths, edited };
}

async function main(): Promise<void> {
  const started = Date.now();
  localBin('tsx'); // fails early, with the npm ci hint, when node_modules is missing
  console.log(`── Copying this checkout to ${path.relative(projectRoot, scratch)}/`);
  console.log(`   ${copyCheckout()} files, node_modules linked`);
  console.log('── Removing the demo bank as README.md "Make it yours" says');
  const { deleted, edited } = removeBank();
  console.log(`   deleted: ${deleted.join(' ')}`);
  console.log(`   demo-bank regions cut in: ${edited.join(' ')}`);
  // The generated Prisma clients are ignored by git, so the copy makes its own.
  const npm = npmCommand();
  await runOrFail('prisma generate in the copy', npm.command, [...npm.prefixArgs, 'run', '--silent', 'prisma:generate'], { cwd: scratch, quiet: true });
  // The benchmark peers' client too: npm test type-checks tools/ (postinstall makes both in a checkout).
  await runOrFail('the peers\' prisma generate in the copy', npm.command, [...npm.prefixArgs, 'run', '--silent', 'prisma:generate:peers'], { cwd: scratch, quiet: true });
  console.log('── npm test in the copy without the bank');
  const status = await run(npm.command, [...npm.prefixArgs, 'test', '--', ...process.argv.slice(2)], { cwd: scratch });
  console.log(`── Without the bank: npm test ${status === 0 ? 'passed' : `FAILED (exit ${status})`} in ${formatDuration(Date.now() - started)}; the copy is in ${path.relative(projectRoot, scratch)}/`);
  process.exitCode = status === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof CommandError ? error.message : error);
  process.exitCode = 1;
});
