// What test/global-setup.ts hands to each worker's test/setup.ts (vitest provide/inject).
export type TestDatabaseInfo =
  | { provider: 'sqlite'; /** migrated template file */ template: string; /** where worker files go */ dir: string }
  | { provider: 'postgresql'; /** a URL for CREATE/DROP DATABASE */ adminUrl: string; template: string; prefix: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseInfo;
  }
}

/** A fixed, test-only sealing secret (the real ones are generated or configured). */
export const TEST_SESSION_SECRETS = '1:vitest-only-session-secret-not-for-production-use';
