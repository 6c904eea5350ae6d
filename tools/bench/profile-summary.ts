// Where a CPU profile's time went: `npm run bench -- --profile /dashboard`
// writes a .cpuprofile; this prints the top functions by self time and the
// time per package (or app file).
//   npx tsx tools/bench/profile-summary.ts <file.cpuprofile> [--top 30]
import fs from 'node:fs';
import { parseArgs } from 'node:util';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
const file = positionals[0];
if (!file) {
  console.error('usage: npx tsx tools/bench/profile-summary.ts <file.cpuprofile> [--top 30]');
  process.exit(1);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

/** node_modules/<package>, an app chunk, node internals, or (idle)/(gc)/(program). */
function owner(url: string, name: string): string {
  if (!url) return `(${name || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
}

const functions = new Map<string, number>();
const owners = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const key = `${functionName || '(anonymous)'}  ${owner(url, functionName)}:${lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
  const o = owner(url, functionName);
  owners.set(o, (owners.get(o) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
const top = Number(values.top);
console.log(`\n${(total / 1e6).toFixed(1)} s sampled\n\nby package / file (self time):`);
for (const [name, us] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${name}`);
console.log('\ntop functions (self time):');
for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${name}`);
