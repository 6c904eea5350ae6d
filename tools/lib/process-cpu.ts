// CPU time a process tree has used so far (Linux /proc), for benchmarks on a
// busy machine: a request's server CPU cost hardly changes when other programs
// compete for the cores, while its req/s does. Null where /proc is missing.
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux platform Node supports

function readStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: split after it.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }; // utime + stime
  } catch {
    return null;
  }
}

/** User + system CPU milliseconds of `pid` and all its descendants, or null off Linux. */
export function processTreeCpuMs(pid: number): number | null {
  if (os.platform() !== 'linux' || !fs.existsSync('/proc/self/stat')) return null;
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
  }
  let ticks = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.pop()!;
    ticks += readStat(current)?.ticks ?? 0;
    queue.push(...(children.get(current) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
