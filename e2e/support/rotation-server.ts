// A server for the rotation and reuse specs, with margins that hold on a busy
// 2-core machine: rotation every 4 s, 4 s of grace. (The main e2e server
// rotates every 2 s so every other spec exercises rotation in passing.)
import { startExtraServer, type ExtraServer } from './extra-server.ts';

export const ROTATION_MS = 4_000;
export const GRACE_MS = 4_000;

export function startRotationServer(): Promise<ExtraServer> {
  return startExtraServer({
    database: 'shared', // so the specs can inspect rows and audit events in the main e2e database
    env: { SESSION_ROTATION_INTERVAL: `${ROTATION_MS / 1000}s`, SESSION_ROTATION_GRACE: `${GRACE_MS / 1000}s` },
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
