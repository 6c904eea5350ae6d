// A CPU-burning neighbour for load tests: other programs on the machine compete
// for the cores, so requests wait — in the socket backlog, where the server's
// arrival stamp cannot see it (issue 20), and inside the server. Each child is a
// busy loop that ends itself at a deadline and when its parent is gone, so a
// killed load run never leaves a core spinning.
import { spawn, type ChildProcess } from 'node:child_process';
import { processTreeCpuMs } from './process-cpu.ts';

export type CpuNeighbour = {
  pids: number[];
  /** Stops every child; returns the CPU milliseconds they burnt (null off Linux). */
  stop: () => Promise<number | null>;
};

// Runs in the child: spin in short slices, checking the deadline and that the
// parent lives (signal 0 only tests; process.ppid is fixed at start in Node).
const BUSY_LOOP = `
const deadline = Number(process.argv[1]);
const parent = Number(process.argv[2]);
const parentAlive = () => { try { process.kill(parent, 0); return true; } catch { return false; } };
let sink = 0;
while (Date.now() < deadline && parentAlive()) {
  for (let i = 0; i < 1e6; i++) sink = (sink + i * i) % 1000003;
}
`;

/** Starts `processes` busy loops that end by themselves after `lifetimeMs`. */
export function startCpuNeighbour(processes: number, lifetimeMs: number): CpuNeighbour {
  const deadline = Date.now() + lifetimeMs;
  const children: ChildProcess[] = Array.from({ length: processes }, () =>
    spawn(process.execPath, ['-e', BUSY_LOOP, String(deadline), String(process.pid)], { stdio: 'ignore' }),
  );
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killAll);

  return {
    pids: children.flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    async stop() {
      const cpuMs = children.reduce<number | null>((sum, child) => {
        const used = child.pid === undefined ? null : processTreeCpuMs(child.pid);
        return sum === null || used === null ? null : sum + used;
      }, 0);
      const exited = children.map((child) =>
        child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve())),
      );
      killAll();
      await Promise.all(exited);
      process.removeListener('exit', killAll);
      return cpuMs;
    },
  };
}
