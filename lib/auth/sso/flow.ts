import 'server-only';
// The two requests of an SSO sign-in (docs/decisions/012-sso-with-next-auth.md):
//
//  GET /login/sso?next=…          startSsoSignIn — a plain link from the login page.
//      next-auth builds the authorization request (state, PKCE S256, nonce) and
//      seals them into __Host-authjs.* cookies; we redirect the browser to the
//      provider. A link, not a form: a form POST that redirects to the provider
//      would need the provider's origin in CSP `form-action`.
//
//  GET /api/auth/callback/oidc    finishSsoCallback — the provider's redirect back.
//      next-auth checks state, PKCE and nonce, redeems the code and validates the
//      ID token; its jwt callback hands us the claims and writes no session. We
//      delete every next-auth cookie and look the identity up: an existing link
//      goes to completePrimaryAuthentication — the TOTP step or a regenerated
//      session, exactly as after a password. A new identity whose verified email
//      matches a user signs nobody in: it becomes a pending link (ADR 020, 032),
//      the login page names it, and only that user's password sign-in followed
//      by an explicit "Link this identity" makes it. Never a new account.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { env } from '../../env';
import { recordSecurityEvent } from '../../dal/security-events';
import { requestContextFromHeaders } from '../../http/request-context';
import { safeNextPath } from '../../http/safe-redirect';
import { completePrimaryAuthentication } from '../sign-in';
import { OIDC_PROVIDER_ID, SSO_LINK_NOTICE, type SsoRefusalReason } from './constants';
import { authjsCookies, expireAuthjsCookies } from './cookies';
import { identityFromClaims } from './identity';
import { resolveSsoIdentity } from './link';
import { startPendingSsoLink } from './pending-link';
import { isAuthorizationRequest, isFirstPartyNavigation } from './request-checks';
import { nextAuth, sanitizeCallbackUrl, ssoSettings, withCallbackCapture, type CallbackCapture } from './next-auth';

const notFound = () => new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });

function loginUrl(params: { sso?: SsoRefusalReason | typeof SSO_LINK_NOTICE; next?: string }): string {
  const query = new URLSearchParams();
  if (params.sso) query.set('sso', params.sso);
  if (params.next && params.next !== safeNextPath(undefined)) query.set('next', params.next);
  const text = query.toString();
  return text ? `/login?${text}` : '/login';
}

export async function startSsoSignIn(request: NextRequest): Promise<Response> {
  if (!ssoSettings || !nextAuth) return notFound();
  const next = safeNextPath(request.nextUrl.searchParams.get('next'));
  if (!isFirstPartyNavigation(request.headers)) redirect(loginUrl({ next }));

  let authorizationUrl: string | undefined;
  try {
    authorizationUrl = await nextAuth.signIn(OIDC_PROVIDER_ID, { redirect: false, redirectTo: next });
  } catch (error) {
    console.error('[sso] could not start sign-in:', error instanceof Error ? error.message : error);
  }
  if (!authorizationUrl || !isAuthorizationRequest(authorizationUrl, ssoSettings.clientId)) {
    // Provider unreachable or misconfigured: next-auth answered with its error page URL.
    const store = await cookies();
    expireAuthjsCookies(store, [...Object.values(authjsCookies).map((c) => c.name), ...store.getAll().map((c) => c.name)]);
    redirect(loginUrl({ sso: 'unavailable', next }));
  }
  redirect(authorizationUrl);
}

export async function finishSsoCallback(request: NextRequest): Promise<Response> {
  const auth = nextAuth;
  if (!ssoSettings || !auth) return notFound();
  const context = requestContextFromHeaders(request.headers, env.TRUST_PROXY);
  const callbackUrlCookie = request.cookies.get(authjsCookies.callbackUrl.name)?.value;
  const next = callbackUrlCookie ? sanitizeCallbackUrl(callbackUrlCookie, request.nextUrl.origin) : safeNextPath(undefined);

  const capture: CallbackCapture = {};
  try {
    // next-auth's response (a redirect, its cookie updates) is not passed on: we answer ourselves.
    await withCallbackCapture(capture, () => auth.handlers.GET(request));
  } catch (error) {
    capture.error ??= 'exception';
    console.error('[sso] callback failed:', error instanceof Error ? error.message : error);
  }

  // Whatever happened, next-auth's cookies end here: state, PKCE, nonce, callback-url
  // and anything else of its own the browser sent. It never had a session to end.
  expireAuthjsCookies(await cookies(), request.cookies.getAll().map((c) => c.name));

  const parsed = capture.claims ? identityFromClaims(capture.claims, ssoSettings.issuer) : undefined;
  if (!parsed?.ok) {
    await recordSecurityEvent({
      type: 'login.failure',
      ...context,
      detail: { method: 'sso', reason: 'callback', error: (parsed ? parsed.problem : (capture.error ?? 'no-identity')).slice(0, 100) },
    });
    redirect(loginUrl({ sso: 'failed', next }));
  }

  const resolved = await resolveSsoIdentity(parsed.identity, context);
  switch (resolved.status) {
    case 'refused':
      redirect(loginUrl({ sso: resolved.reason, next }));
    case 'consent-required':
      // Not linked, not signed in: the account's owner must sign in with their own
      // password (and code) first, in this browser, then press the button (ADR 020, 032).
      await startPendingSsoLink(resolved.userId, { issuer: parsed.identity.issuer, subject: parsed.identity.subject, name: parsed.identity.name, email: resolved.email });
      await recordSecurityEvent({ type: 'sso.link_requested', userId: resolved.userId, ...context, detail: { issuer: parsed.identity.issuer, subject: parsed.identity.subject } });
      redirect(loginUrl({ sso: SSO_LINK_NOTICE, next }));
    case 'linked':
      return completePrimaryAuthentication(resolved.user, { method: 'sso', next, context });
  }
}
