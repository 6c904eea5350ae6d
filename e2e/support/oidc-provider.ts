// A real OpenID Connect identity provider for the e2e suite: the `oidc-provider`
// package on loopback, one confidential client (our app), PKCE required, and a
// handful of in-memory accounts. Run it as a script:
//
//   E2E_OIDC_PORT=4455 E2E_OIDC_CLIENT_SECRET=… E2E_APP_URL=http://localhost:3000 \
//     tsx e2e/support/oidc-provider.ts
//
// Environment:
//   E2E_OIDC_PORT           port to listen on (127.0.0.1 and ::1); issuer is http://localhost:<port>
//   E2E_OIDC_CLIENT_ID      the client id (default "strongroom-e2e")
//   E2E_OIDC_CLIENT_SECRET  the client secret (required)
//   E2E_APP_URL             the app's origin(s), comma-separated; each gets the redirect URI
//                           <origin>/api/auth/callback/oidc
// Health: GET http://localhost:<port>/.well-known/openid-configuration
//
// The sign-in page is deliberately plain (a username and password form, labelled
// for Playwright); consent is given automatically. Nothing here is fit for
// anything but tests.
import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
// The file itself, not the sso/ entry point: that one loads next-auth and server-only modules.
import { oidcRedirectUri } from '../../lib/auth/sso/constants.ts';

export type IdpAccount = {
  username: string;
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
};

/** Every account signs in at the identity provider with this password. */
export const IDP_PASSWORD = 'idp-test-password';

export const IDP_ACCOUNTS = {
  /** Strongroom's alice, verified at the provider: linked by verified email on first use. */
  alice: { username: 'alice', sub: 'alice-sub', email: 'alice@example.com', email_verified: true, name: 'Alice Andersen' },
  /** Strongroom's bob, who has TOTP in Strongroom and must pass the code step after SSO too. */
  bob: { username: 'bob', sub: 'bob-sub', email: 'bob@example.com', email_verified: true, name: 'Bob Brennan' },
  /** Claims alice's address without the provider having verified it: must never become alice. */
  mallory: { username: 'mallory', sub: 'mallory-sub', email: 'alice@example.com', email_verified: false, name: 'Mallory' },
  /**
   * Holds alice's address, *verified* by the provider, under a subject that is not
   * alice's link: the address alone must never let this account into alice's
   * Strongroom data (docs/decisions/020-sso-link-consent.md) — only alice's own
   * password sign-in can link it.
   */
  eve: { username: 'eve', sub: 'eve-sub', email: 'alice@example.com', email_verified: true, name: 'Eve' },
  /** Verified, but Strongroom has no such customer (SSO creates no accounts). */
  carol: { username: 'carol', sub: 'carol-sub', email: 'carol@example.com', email_verified: true, name: 'Carol Chen' },
} as const satisfies Record<string, IdpAccount>;

const accounts: readonly IdpAccount[] = Object.values(IDP_ACCOUNTS);

export type OidcProviderOptions = {
  port: number;
  clientId: string;
  clientSecret: string;
  appOrigins: string[];
};

export type RunningOidcProvider = { issuer: string; close: () => Promise<void> };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem}button{margin-top:1rem;padding:.5rem 1rem}.error{color:#a00}</style>
</head><body><p>Test identity provider</p><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function loginPage(uid: string, options: { username?: string; error?: string; clientId?: string }): string {
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : '';
  return page(
    'Sign in to the identity provider',
    `${error}<p>Application: ${escapeHtml(options.clientId ?? '')}</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
  <label for="username">Username</label>
  <input id="username" name="username" required value="${escapeHtml(options.username ?? '')}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" required>
  <button type="submit">Sign in to the identity provider</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Cancel</button></form>`,
  );
}

async function readForm(req: IncomingMessage, limit = 16 * 1024): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = crypto.createHash('sha256').update(a).digest();
  const right = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(left, right);
}

/** Gives every requested scope and claim: a test provider needs no consent screen. */
async function autoConsent(provider: Provider, interaction: Interaction, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const accountId = interaction.session?.accountId;
  const clientId = interaction.params.client_id;
  if (!accountId || typeof clientId !== 'string') throw new Error('consent without a signed-in account');
  const grant = interaction.grantId
    ? ((await provider.Grant.find(interaction.grantId)) ?? new provider.Grant({ accountId, clientId }))
    : new provider.Grant({ accountId, clientId });
  const { details } = interaction.prompt;
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

async function handleInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
  action: string | undefined,
): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.uid !== uid) return send(res, 400, page('Error', '<p>This sign-in attempt has expired. Start again.</p>'));
  const clientId = typeof interaction.params.client_id === 'string' ? interaction.params.client_id : undefined;

  if (req.method === 'GET' && !action) {
    if (interaction.prompt.name === 'consent') return autoConsent(provider, interaction, req, res);
    if (interaction.prompt.name === 'login') {
      const hint = typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : undefined;
      return send(res, 200, loginPage(uid, { username: hint, clientId }));
    }
    return send(res, 501, page('Error', `<p>Unsupported prompt ${escapeHtml(interaction.prompt.name)}.</p>`));
  }

  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const account = accounts.find((a) => a.username === username);
    if (!account || !constantTimeEqual(password, IDP_PASSWORD)) {
      return send(res, 401, loginPage(uid, { username, clientId, error: 'Unknown username or wrong password.' }));
    }
    return provider.interactionFinished(req, res, { login: { accountId: account.sub, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
  }

  if (req.method === 'POST' && action === 'abort') {
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false },
    );
  }

  return send(res, 405, page('Error', '<p>Method not allowed.</p>'));
}

export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningOidcProvider> {
  const { default: ProviderClass } = await import('oidc-provider');
  const issuer = `http://localhost:${options.port}`;
  const signingKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new ProviderClass(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.appOrigins.map(oidcRedirectUri),
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // S256 PKCE for every authorization request (oidc-provider supports no other method).
    pkce: { required: () => true },
    // Put the requested claims (email, email_verified, name) in the ID token, where
    // next-auth reads them; the spec-conform default keeps them to /userinfo.
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.find((a) => a.sub === sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({ sub: account.sub, email: account.email, email_verified: account.email_verified, name: account.name }),
      };
    },
    // Short lifetimes, set explicitly (oidc-provider logs a notice for every default it uses).
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    jwks: { keys: [{ ...signingKey, use: 'sig', kid: crypto.randomUUID() }] },
    clientBasedCORS: () => false,
    renderError: (ctx: { type: string; body: string }, out: Record<string, unknown>) => {
      ctx.type = 'html';
      ctx.body = page('Identity provider error', `<pre>${escapeHtml(JSON.stringify(out, null, 2))}</pre>`);
    },
  });

  const callback = provider.callback();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(url.pathname);
    if (!match) return callback(req, res);
    handleInteraction(provider, req, res, match[1]!, match[2]).catch((error: unknown) => {
      console.error('[oidc-provider] interaction failed:', error instanceof Error ? error.message : error);
      if (!res.headersSent) send(res, 400, page('Error', '<p>This sign-in attempt is no longer valid. Start again.</p>'));
    });
  };

  // "localhost" may resolve to either loopback address; listen on both (IPv6 only when available).
  const servers: http.Server[] = [];
  for (const host of ['127.0.0.1', '::1']) {
    const server = http.createServer(handler);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, host, () => resolve());
      });
      servers.push(server);
    } catch (error) {
      if (host === '127.0.0.1') throw error;
      console.error(`[oidc-provider] not listening on [::1]: ${(error as Error).message}`);
    }
  }

  return {
    issuer,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

function requiredEnv(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) {
    console.error(`[oidc-provider] ${name} is required`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const port = Number(requiredEnv('E2E_OIDC_PORT'));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error('E2E_OIDC_PORT must be a port number');
  const appOrigins = requiredEnv('E2E_APP_URL')
    .split(',')
    .map((u) => new URL(u.trim()).origin);
  const running = await startOidcProvider({
    port,
    clientId: process.env.E2E_OIDC_CLIENT_ID?.trim() || 'strongroom-e2e',
    clientSecret: requiredEnv('E2E_OIDC_CLIENT_SECRET'),
    appOrigins,
  });
  console.error(`[oidc-provider] ${running.issuer} for ${appOrigins.join(', ')}`);
  const stop = () => {
    running.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error('[oidc-provider] failed to start:', error);
    process.exit(1);
  });
}
