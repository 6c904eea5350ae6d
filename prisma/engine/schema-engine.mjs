#!/usr/bin/env node
// A Prisma schema engine for machines that cannot download the native one:
// the Wasm build of the same engine (@prisma/schema-engine-wasm, pinned to the
// prisma version) behind the native engine's command line and JSON-RPC
// protocol, talking to the database through Prisma's driver adapters.
// Selected by prisma/engine/select.ts; see docs/decisions/003-offline-schema-engine.md.
import { main } from './lib/main.mjs';

await main(process.argv.slice(2));
