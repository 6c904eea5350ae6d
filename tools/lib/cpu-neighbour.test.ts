import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startCpuNeighbour } from './cpu-neighbour.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: number[], withinMs: number): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; await sleep(100)) {
    if (!pids.some(isRunning)) return true;
  }
  return false;
}

describe('startCpuNeighbour', () => {
  it('burns CPU until stopped, then every process is gone', async () => {
    const neighbour = startCpuNeighbour(1, 60_000);
    await sleep(700);
    expect(neighbour.pids.every(isRunning)).toBe(true);
    const cpuMs = await neighbour.stop();
    if (cpuMs !== null) expect(cpuMs).toBeGreaterThan(0);
    expect(neighbour.pids.some(isRunning)).toBe(false);
  });

  it('ends by itself at its deadline when nobody stops it', async () => {
    const neighbour = startCpuNeighbour(1, 500);
    expect(await waitUntilGone(neighbour.pids, 5_000)).toBe(true);
  });

  it('ends when its parent dies without stopping it (a killed load run)', async () => {
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `const { startCpuNeighbour } = await import(${JSON.stringify(new URL('./cpu-neighbour.ts', import.meta.url).href)}); console.log(JSON.stringify(startCpuNeighbour(1, 60_000).pids)); setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pids = await new Promise<number[]>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as number[])));
    expect(pids.every(isRunning)).toBe(true);
    parent.kill('SIGKILL');
    expect(await waitUntilGone(pids, 5_000)).toBe(true);
  });
});
