// Single sign-on through next-auth (ADR 012, 020, 032). Loads server-only modules:
// code outside Next (the e2e harness) imports the framework-free files directly.
export { isSsoRefusalReason, OIDC_PROVIDER_ID, SSO_LINK_BUTTON, SSO_START_PATH, ssoLinkMessage, ssoRefusalMessages } from './constants.ts';
export { finishSsoCallback, startSsoSignIn } from './flow.ts';
export { ssoSettings } from './next-auth.ts';
export { cancelPendingSsoLink, confirmSsoLink, readArmedSsoLink, readPendingSsoLink, SSO_LINK_CONFIRM_PATH } from './pending-link/index.ts';
export { ssoProviderName } from './provider-name.ts';
