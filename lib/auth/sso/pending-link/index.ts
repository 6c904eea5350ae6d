// A pending SSO link (ADR 020, 032): an identity waiting for its owner to sign in
// with their own credentials and confirm it. Its own entry point because sign-in/
// arms it at the end of every full sign-in without loading next-auth (the rest of sso/).
export {
  armPendingSsoLinkAfterSignIn,
  cancelPendingSsoLink,
  confirmSsoLink,
  readArmedSsoLink,
  readPendingSsoLink,
  SSO_LINK_CONFIRM_PATH,
  startPendingSsoLink,
} from './pending-link.ts';
