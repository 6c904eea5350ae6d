// Stands in for `server-only` under vitest (see vitest.config.ts): tests run on the server.
export {};
