// The e2e server's world: a free port, a throwaway SQLite database, its own secrets
// and short session timeouts. Computed once by the Playwright runner process and
// kept in process.env (E2E_*), so the worker processes — which load the config
// again and inherit the runner's environment — see the same values.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * Session policy for the e2e server, short enough for specs to watch things
 * happen. These are read at run time by lib/env.ts (Next inlines none of them
 * into the build), so changing one needs no rebuild. Every SESSION_* variable
 * is set here, so a developer's .env cannot leak into the e2e run.
 *
 * Specs that need a different policy (e.g. a 3-second idle timeout) should not
 * shrink these for everyone: add a second webServer entry with its own port and
 * overrides, or a project with its own server.
 */
export const e2eSessionPolicy = {
  SESSION_PROFILE: 'default',
  SESSION_IDLE_TIMEOUT: '10m',
  SESSION_ABSOLUTE_TIMEOUT: '1h',
  SESSION_ROTATION_INTERVAL: '3s', // rotation happens during ordinary tests, too
  SESSION_ROTATION_GRACE: '1500ms', // counted from the new secret's first use (ADR 016)
  SESSION_TOUCH_INTERVAL: '1s',
  SESSION_FRESH_AUTH_WINDOW: '5m',
  SESSION_RETENTION: '1d',
  SESSION_PURGE_INTERVAL: '1h',
  SESSION_MAX_PER_USER: '100', // parallel specs sign alice in many times; the limit has its own unit test
  LOGIN_LOCKOUT_DURATION: '5s', // auth-lockout.spec.ts waits the lock out; the 5-failure rule itself is not relaxable
  LOGIN_IP_MAX_ATTEMPTS: '10000', // every spec signs in from localhost; auth-lockout.spec.ts tests the IP limit on its own server
} as const;

/** A TCP port nobody listens on right now (found synchronously: the config cannot await). */
function findFreePort(): number {
  const script =
    "const s=require('node:net').createServer();" +
    "s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

function once(name: string, create: () => string): string {
  return (process.env[name] ||= create());
}

export const e2ePort = Number(once('E2E_PORT', () => String(findFreePort())));
/** localhost, not 127.0.0.1: Next rewrites a 127.x host to localhost (OIDC redirect URIs must match). */
export const e2eBaseURL = `http://localhost:${e2ePort}`;
export const e2eSessionSecrets = once('E2E_SESSION_SECRETS', () => `1:${crypto.randomBytes(32).toString('base64url')}`);
export const e2eDatabaseFile = path.join(projectRoot, '.tmp', 'e2e', String(e2ePort), 'strongroom.db');

/** The local OpenID Connect identity provider (e2e/support/oidc-provider.ts), started before the app. */
export const e2eOidcPort = Number(
  once('E2E_OIDC_PORT', () => {
    let port: number;
    do port = findFreePort();
    while (port === e2ePort);
    return String(port);
  }),
);
export const e2eOidcIssuer = `http://localhost:${e2eOidcPort}`;
export const e2eOidcClientId = 'strongroom-e2e';
export const e2eOidcClientSecret = once('E2E_OIDC_CLIENT_SECRET', () => crypto.randomBytes(24).toString('base64url'));
export const e2eOidcEnv: Record<string, string> = {
  E2E_OIDC_PORT: String(e2eOidcPort),
  E2E_OIDC_CLIENT_ID: e2eOidcClientId,
  E2E_OIDC_CLIENT_SECRET: e2eOidcClientSecret,
  E2E_APP_URL: e2eBaseURL,
};

/**
 * The mail catcher (e2e/support/mail-catcher.ts, a real SMTP server): the app
 * mails through it, specs read what it caught over HTTP (e2e/support/mail.ts).
 */
const freePortBesides = (taken: number[]) => {
  let port: number;
  do port = findFreePort();
  while (taken.includes(port));
  return String(port);
};
export const e2eMailSmtpPort = Number(once('E2E_MAIL_SMTP_PORT', () => freePortBesides([e2ePort, e2eOidcPort])));
export const e2eMailHttpPort = Number(once('E2E_MAIL_HTTP_PORT', () => freePortBesides([e2ePort, e2eOidcPort, e2eMailSmtpPort])));
export const e2eMailInboxUrl = `http://127.0.0.1:${e2eMailHttpPort}`;
export const e2eMailEnv: Record<string, string> = { E2E_MAIL_SMTP_PORT: String(e2eMailSmtpPort), E2E_MAIL_HTTP_PORT: String(e2eMailHttpPort) };

/** The environment e2e/support/server.ts (and through it, the app) runs with. */
export const e2eServerEnv: Record<string, string> = {
  PORT: String(e2ePort),
  HOST: 'localhost',
  // E2E_DATABASE_URL=postgresql://… runs the app on PostgreSQL (.ci/run does, for
  // the specs that do not open the SQLite file directly).
  DATABASE_URL: process.env.E2E_DATABASE_URL || `file:${e2eDatabaseFile}`,
  SESSION_SECRETS: e2eSessionSecrets,
  AUTH_OIDC_ISSUER: e2eOidcIssuer,
  AUTH_OIDC_CLIENT_ID: e2eOidcClientId,
  AUTH_OIDC_CLIENT_SECRET: e2eOidcClientSecret,
  SMTP_URL: `smtp://127.0.0.1:${e2eMailSmtpPort}`,
  // Sign-up and invitations both on (ADR 045); "invite-only" and "off" are unit-tested.
  SIGN_UP: 'open',
  ...e2eSessionPolicy,
};
