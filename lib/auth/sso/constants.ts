// Fixed facts about the SSO integration, shared by the app, its tests and the
// e2e identity provider (so no `server-only` here, and nothing secret).
// docs/decisions/012-sso-with-next-auth.md
import { APP_NAME } from '../../config/app-name';

/** next-auth's id for our one generic OpenID Connect provider: the redirect URI is `<app>/api/auth/callback/oidc`. */
export const OIDC_PROVIDER_ID = 'oidc';

/** Where next-auth is mounted (app/api/auth/[...nextauth]/route.ts). */
export const AUTH_BASE_PATH = '/api/auth';

/** The redirect URI an identity provider must have registered for this app. */
export function oidcRedirectUri(appOrigin: string): string {
  return `${appOrigin.replace(/\/+$/, '')}${AUTH_BASE_PATH}/callback/${OIDC_PROVIDER_ID}`;
}

/** The route the "Continue with SSO" link points at (a GET that starts the OIDC flow). */
export const SSO_START_PATH = '/login/sso';

/**
 * Why an SSO attempt did not sign anyone in: `/login?sso=<reason>`. The
 * login page shows the matching text (app/(public)/login/sso-button.tsx).
 */
export const ssoRefusalReasons = ['unverified', 'no-account', 'conflict', 'failed', 'unavailable'] as const;
export type SsoRefusalReason = (typeof ssoRefusalReasons)[number];

export function isSsoRefusalReason(value: unknown): value is SsoRefusalReason {
  return typeof value === 'string' && (ssoRefusalReasons as readonly string[]).includes(value);
}

/**
 * `/login?sso=link`: a new identity's verified email matched an account. Signing
 * in links nothing; the owner's password sign-in leads to a page naming the
 * identity, where only an explicit button links it (docs/decisions/032-sso-links-and-anonymous-writes.md).
 * Not a refusal: the login page shows the text only while this browser holds a pending link.
 */
export const SSO_LINK_NOTICE = 'link';

export const ssoLinkMessage = (provider: string) =>
  `Someone signed in at ${provider} with the identity below, and its verified email matches a ${APP_NAME} account. Signing in does not link it. If this identity is yours, sign in below with your ${APP_NAME} password (and your authentication code, if you use one); you will then be asked to confirm the link. If you do not recognise it, cancel.`;

/** The confirmation page's button (public contract: e2e and users look for it). */
export const SSO_LINK_BUTTON = 'Link this identity';

export const ssoRefusalMessages: Record<SsoRefusalReason, string> = {
  unverified:
    'Your identity provider has not verified the email address of that account, so it cannot be used to sign in here. Verify it with your provider, or sign in with your password.',
  'no-account':
    `There is no ${APP_NAME} account for that identity. Single sign-on works only for existing customers whose email address matches — sign in with your password instead.`,
  conflict:
    `Your ${APP_NAME} account is already linked to a different identity at that provider. Sign in with the identity you linked, or with your password.`,
  failed: 'Single sign-on did not complete, so you are not signed in. Please try again.',
  unavailable: 'Single sign-on is not available right now. Please try again later, or sign in with your password.',
};
