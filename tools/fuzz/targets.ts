// What `npm run test:fuzz` aims at, read from the production build itself so
// that a new form or route handler is fuzzed without anyone listing it:
// every Server Action (.next/server/server-reference-manifest.json, with the
// page it is served from) and every route handler (.next/server/app-paths-manifest.json).
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../scripts/lib/process.ts';

export type ActionTarget = { kind: 'action'; id: string; name: string; file: string; pagePath: string; needsSession: boolean };
export type RouteTarget = { kind: 'route'; route: string };

/** "app/(app)/security/mfa/page" → "/security/mfa"; dynamic segments filled from `params`. */
export function urlPathOf(worker: string, params: Record<string, string>): string {
  const segments = worker.replace(/^app\//, '').replace(/\/?(page|route)$/, '').split('/').filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.map((s) => (/^\[\.{0,3}(\w+)\]$/.test(s) ? (params[s.replace(/[[\].]/g, '')] ?? 'x') : s)).join('/')}`;
}

export function readActionTargets(params: Record<string, string>): ActionTarget[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string; filename?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers).sort()[0]!;
    return {
      kind: 'action',
      id,
      name: entry.exportedName ?? id,
      file: entry.filename ?? worker,
      pagePath: urlPathOf(worker, params),
      needsSession: worker.includes('/(app)/'),
    };
  });
}

export function readRouteTargets(): RouteTarget[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, '.next', 'server', 'app-paths-manifest.json'), 'utf8')) as Record<string, string>;
  return Object.keys(manifest)
    .filter((key) => key.endsWith('/route'))
    .map((key) => ({ kind: 'route', route: key.replace(/\/route$/, '') }));
}
