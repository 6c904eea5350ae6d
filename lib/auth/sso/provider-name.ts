import 'server-only';
// How a provider is named to users: the configured display name for our issuer,
// else the issuer's host (an identity linked under an earlier configuration).
import { ssoSettings } from './next-auth';

export function ssoProviderName(issuer: string): string {
  if (ssoSettings && issuer === ssoSettings.issuer) return ssoSettings.displayName;
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}
