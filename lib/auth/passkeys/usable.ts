// A passkey shown to be cloned is suspended (ADR 032): it is no longer a factor
// the account has — never offered, never accepted, not counted as a second
// factor — until its owner removes it. One filter for every query that asks.
export const usablePasskeys = { suspendedAt: null } as const;
