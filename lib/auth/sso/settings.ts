// Whether SSO is on, and with which provider: all of AUTH_OIDC_ISSUER,
// AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET, or nothing (lib/config/env-schema.ts
// refuses a partial set at boot).
import type { Env } from '../../config/env-schema.ts';

export type SsoSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown as "Continue with <displayName>". */
  displayName: string;
};

export function ssoSettingsFromEnv(
  env: Pick<Env, 'AUTH_OIDC_ISSUER' | 'AUTH_OIDC_CLIENT_ID' | 'AUTH_OIDC_CLIENT_SECRET' | 'AUTH_OIDC_NAME'>,
): SsoSettings | null {
  const { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_CLIENT_ID: clientId, AUTH_OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, displayName: env.AUTH_OIDC_NAME ?? 'SSO' };
}
