// The product's name, as people see it: page titles and headers, mail subjects
// and bodies, the TOTP issuer in authenticator apps, the WebAuthn relying-party
// name (unless RP_NAME overrides it), the development inbox and the start banner.
// Rename the app here (README "Make it yours"; docs/decisions/048-app-name-and-crypto-labels.md).
//
// A constant, not an environment variable: the name is the product's, not a
// deployment's, and client components import it as they import any module.
// Not here: the labels that key stored data and sessions (lib/config/crypto-labels.ts)
// — changing one of those makes stored secrets unreadable.
export const APP_NAME = 'Strongroom';

/** APP_NAME for the two hand-written HTML pages (React escapes everywhere else). */
export const APP_NAME_HTML = APP_NAME.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
