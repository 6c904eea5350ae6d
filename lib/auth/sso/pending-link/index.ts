// A pending SSO link (ADR 020): an identity waiting for its owner to sign in
// with their own credentials. Its own entry point because sign-in/ completes it
// at the end of every full sign-in without loading next-auth (the rest of sso/).
export { cancelPendingSsoLink, completePendingSsoLink, readPendingSsoLink, startPendingSsoLink } from './pending-link.ts';
