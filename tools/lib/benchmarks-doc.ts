// docs/benchmarks.md is written by the scripts that measure: each owns one
// section between <!-- NAME --> and <!-- /NAME --> and replaces only that.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../scripts/lib/process.ts';

export const benchmarksFile = path.join(projectRoot, 'docs', 'benchmarks.md');

const HEADER = `# Benchmarks

Written by the scripts that measure (\`npm run test:load\`, \`npm run bench\`);
each run replaces its own section. Absolute numbers depend on the machine; the
ratios and goals are what the scripts judge.
`;

/** One line naming the machine a figure was measured on. */
export function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function writeBenchmarkSection(name: string, markdown: string): void {
  const begin = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  let text = fs.existsSync(benchmarksFile) ? fs.readFileSync(benchmarksFile, 'utf8') : HEADER;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  text = start !== -1 && stop > start ? text.slice(0, start) + block + text.slice(stop + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.mkdirSync(path.dirname(benchmarksFile), { recursive: true });
  fs.writeFileSync(benchmarksFile, text);
}
