// Which instance of a cluster answered: `npm run cluster` sets CLUSTER_INSTANCE
// on each app server, and server.ts then names it on every response, so
// the multi-instance e2e can prove that nginx spreads one session over all of
// them. Without CLUSTER_INSTANCE (every ordinary deployment) nothing is added:
// a server has no reason to describe its topology to clients.
export const INSTANCE_HEADER = 'x-strongroom-instance';

/** The header to add to every response, or none. */
export function instanceHeader(instanceName: string | undefined): [name: string, value: string] | null {
  return instanceName ? [INSTANCE_HEADER, instanceName] : null;
}
