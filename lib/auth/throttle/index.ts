// Login throttling and lockout (ADR 010, 018): counters, client-address keys,
// purging and refusal summaries. Framework-free: scripts unlock and purge with it;
// its statements are lib/dal/throttle.ts, the app's wiring (database, audit) is sign-in/guard.ts.
export { purgeThrottleRows } from './throttle-purge.ts';
export { recordRefusalSummaries } from './throttle-refusals.ts';
export { accountKeyOf, createLoginThrottle, maxCodeFailuresOf, throttleConfigFromEnv } from './throttle.ts';
export type { AttemptTicket, ClientTrust, LockInfo, LockStatus, RefusalSummary } from './throttle.ts';
