// Validate the configuration at boot, so a bad or missing variable stops the
// server with a clear message naming it, instead of failing on a request.
import { EnvError, parseEnv } from './lib/config/env-schema';

try {
  parseEnv(process.env);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
