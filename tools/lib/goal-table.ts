// The goal tables the test scripts print and write to docs/benchmarks.md.
export type Goal = { goal: string; target: string; actual: string | number; met: boolean };

export function goalTable(goals: Goal[]): string {
  return [
    '| goal | target | measured | |',
    '|---|---|---|---|',
    ...goals.map((g) => `| ${g.goal} | ${g.target} | ${String(g.actual).replaceAll('|', '\\|')} | ${g.met ? 'met' : '**MISSED**'} |`),
  ].join('\n');
}

/** "2026-12-02 04:45 UTC" */
export function utcStamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
