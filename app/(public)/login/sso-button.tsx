// "Continue with SSO" — rendered only when an OpenID Connect provider is
// configured. Placeholder until the SSO integration lands.
export function SsoButton() {
  return null;
}
