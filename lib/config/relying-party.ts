// WebAuthn relying party (passkeys, docs/decisions/022-passkeys.md): the RP ID a
// passkey is scoped to and the exact origin the browser must report. Pure, so
// tests feed it objects; parseEnv() applies it at boot.
//
//   RP_ORIGIN  the origin users open, e.g. https://bank.example.com
//              default: AUTH_URL, else http://localhost:$PORT (what `npm start` serves)
//   RP_ID      a domain: RP_ORIGIN's host or a parent of it (bank.example.com, example.com)
//              default: RP_ORIGIN's host name
//   RP_NAME    what the authenticator shows next to the passkey; default APP_NAME (lib/config/app-name.ts)

import { APP_NAME } from './app-name.ts';

export type RelyingParty = { id: string; origin: string; name: string };

const isLoopbackHost = (hostname: string) => hostname === 'localhost' || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
const isIpAddress = (hostname: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');

export function resolveRelyingParty(source: { RP_ID?: string; RP_ORIGIN?: string; RP_NAME?: string; AUTH_URL?: string; PORT: number }): RelyingParty | string[] {
  const problems: string[] = [];
  const originText = source.RP_ORIGIN ?? source.AUTH_URL ?? `http://localhost:${source.PORT}`;
  const where = source.RP_ORIGIN ? 'RP_ORIGIN' : source.AUTH_URL ? 'RP_ORIGIN (taken from AUTH_URL)' : 'RP_ORIGIN';
  let url: URL;
  try {
    url = new URL(originText);
  } catch {
    return [`${where}: "${originText}" is not an origin (use e.g. https://bank.example.com)`];
  }
  if (url.origin !== originText.replace(/\/$/, '') || url.pathname !== '/') {
    problems.push(`${where}: must be an origin only — scheme, host and port, no path, query or credentials (got "${originText}")`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    problems.push(`${where}: must use https — browsers offer passkeys on plain http only for localhost`);
  }
  if (isIpAddress(url.hostname)) {
    problems.push(`${where}: passkeys need a domain name, not an IP address (open the app at http://localhost:${url.port || source.PORT} instead of ${url.hostname})`);
  }
  const id = (source.RP_ID ?? url.hostname).toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(id)) {
    problems.push(`RP_ID: "${source.RP_ID}" is not a domain name (e.g. bank.example.com)`);
  } else if (url.hostname !== id && !url.hostname.endsWith(`.${id}`)) {
    problems.push(`RP_ID: "${id}" must be the host of RP_ORIGIN (${url.hostname}) or a parent domain of it — browsers refuse any other`);
  }
  const name = (source.RP_NAME ?? APP_NAME).trim();
  if (name.length === 0 || name.length > 64) problems.push('RP_NAME: must be 1 to 64 characters');
  return problems.length > 0 ? problems : { id, origin: url.origin, name };
}
