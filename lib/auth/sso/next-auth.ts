import 'server-only';
// next-auth (Auth.js v5, exact pin 5.0.0-beta.32), used for one thing: the
// OpenID Connect authorization-code exchange with state, PKCE and nonce, and
// the ID token checks (signature, iss, aud, exp, nonce). It keeps no session:
//  - the `jwt` callback hands the validated ID token claims to the request that
//    is running the callback (AsyncLocalStorage) and returns null, which makes
//    next-auth write no session cookie at all;
//  - only the callback endpoint is exposed (app/api/auth/[...nextauth]/route.ts);
//    no /session, /csrf, /signin or /signout pages;
//  - the sign-in starts server-side (startSsoSignIn), so no next-auth CSRF cookie.
// The identity then goes through our linking rules into our session store
// (lib/auth/sso/flow.ts). docs/decisions/012-sso-with-next-auth.md
import { AsyncLocalStorage } from 'node:async_hooks';
import NextAuth, { type NextAuthConfig } from 'next-auth';
import { env, sessionKeys } from '../../env';
import { safeNextPath } from '../../http/safe-redirect';
import { AUTH_BASE_PATH, OIDC_PROVIDER_ID } from './constants';
import { authjsCookies } from './cookies';
import { deriveNextAuthSecrets } from './secret';
import { ssoSettingsFromEnv, type SsoSettings } from './settings';

/** null when SSO is not configured (no AUTH_OIDC_*): no button, no routes. */
export const ssoSettings: SsoSettings | null = ssoSettingsFromEnv(env);

/** What the OIDC callback proved, captured for the request that runs it. */
export type CallbackCapture = { claims?: Record<string, unknown>; error?: string };
const callbackCapture = new AsyncLocalStorage<CallbackCapture>();

/** Runs next-auth for one request, collecting the validated ID token claims if it gets that far. */
export function withCallbackCapture<T>(capture: CallbackCapture, run: () => Promise<T>): Promise<T> {
  return callbackCapture.run(capture, run);
}

/** A post-sign-in target next-auth may carry in its callback-url cookie: same origin, then our own rules. */
export function sanitizeCallbackUrl(url: string, baseUrl: string): string {
  try {
    const parsed = new URL(url, baseUrl);
    if (parsed.origin === new URL(baseUrl).origin) return safeNextPath(`${parsed.pathname}${parsed.search}`);
  } catch {
    // fall through to the default
  }
  return safeNextPath(undefined);
}

/** One log line: Auth.js's error type (class names are minified in the build), message, cause. */
function describe(error: Error): string {
  const type = (error as { type?: unknown }).type;
  const cause = (error as { cause?: { err?: unknown } }).cause?.err;
  const text = (e: Error) => e.message.replace(/\.? ?Read more at https:\/\/errors\.authjs\.dev\S*/g, '').split('\n')[0];
  return `${typeof type === 'string' ? type : error.name}: ${text(error)}${cause instanceof Error ? ` (${text(cause)})` : ''}`;
}

function createNextAuth(settings: SsoSettings) {
  const config: NextAuthConfig = {
    basePath: AUTH_BASE_PATH,
    secret: deriveNextAuthSecrets(sessionKeys),
    // Redirect URIs are built from the request's host (or AUTH_URL when set). A
    // forged Host cannot redirect a code anywhere: the provider only accepts its
    // registered redirect URI, and post-login targets are relative paths.
    trustHost: true,
    useSecureCookies: true,
    cookies: authjsCookies,
    // Belt and braces: were a session token ever written, it would be dead in a minute.
    session: { strategy: 'jwt', maxAge: 60 },
    providers: [
      {
        id: OIDC_PROVIDER_ID,
        name: settings.displayName,
        type: 'oidc',
        issuer: settings.issuer,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        checks: ['pkce', 'state', 'nonce'],
        authorization: { params: { scope: 'openid email profile' } },
      },
    ],
    // next-auth's own pages are never shown (they would not pass our CSP either).
    pages: { signIn: '/login', error: '/login' },
    callbacks: {
      redirect: ({ url, baseUrl }) => `${baseUrl}${sanitizeCallbackUrl(url, baseUrl)}`,
      jwt: ({ account, profile }) => {
        const capture = callbackCapture.getStore();
        if (capture && account?.provider === OIDC_PROVIDER_ID && profile) capture.claims = { ...profile };
        return null; // no next-auth session
      },
    },
    logger: {
      error: (error) => {
        const capture = callbackCapture.getStore();
        if (capture) capture.error ??= String((error as { type?: unknown }).type ?? error.name);
        console.error(`[sso] next-auth: ${describe(error)}`);
      },
      warn: (code) => console.warn(`[sso] next-auth warning: ${code}`),
      debug: () => {},
    },
  };
  return NextAuth(config);
}

export const nextAuth = ssoSettings ? createNextAuth(ssoSettings) : null;
