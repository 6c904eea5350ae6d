// The whole configuration, validated by zod. parseEnv() is pure (tests feed it
// objects); lib/env.ts applies it to process.env once, at boot.
import { z } from 'zod';
import { parseDuration } from './duration';
import { parseSessionSecrets, type PasswordMap } from './secrets';
import { resolveDatabase } from '../db/url';

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined || ms <= 0) {
        ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (use e.g. 900, 90s, 15m, 12h)` });
        return z.NEVER;
      }
      return ms;
    });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// Session policy defaults and their sources: docs/decisions/007-session-timeouts.md
const sessionProfiles = {
  default: { SESSION_IDLE_TIMEOUT: '15m' },
  psd2: { SESSION_IDLE_TIMEOUT: '5m' }, // PSD2 RTS Art. 4(3)(d)
} as const;

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .optional()
    .superRefine((url, ctx) => {
      try {
        resolveDatabase(url);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  SESSION_SECRETS: z
    .string({ error: 'is required (run `npm start` once to generate a local .env, or set it yourself)' })
    .transform((text, ctx): PasswordMap => {
      const parsed = parseSessionSecrets(text);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  SESSION_PROFILE: z.enum(['default', 'psd2']).default('default'),
  SESSION_IDLE_TIMEOUT: z.string().optional(), // default comes from the profile
  SESSION_ABSOLUTE_TIMEOUT: duration('12h'),
  SESSION_ROTATION_INTERVAL: duration('5m'),
  SESSION_ROTATION_GRACE: duration('30s'),
  SESSION_TOUCH_INTERVAL: duration('60s'),
  SESSION_FRESH_AUTH_WINDOW: duration('5m'),
  SESSION_RETENTION: duration('30d'),
  SESSION_PURGE_INTERVAL: duration('1h'),
  PORT: positiveInt(3000),
  // Set when a proxy we run (nginx) sets X-Forwarded-For; see lib/http/request-context.ts.
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
});

export type Env = Omit<z.infer<typeof schema>, 'SESSION_IDLE_TIMEOUT'> & { SESSION_IDLE_TIMEOUT: number };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, like most dotenv users expect.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  const profile = sessionProfiles[result.data.SESSION_PROFILE];
  const idleText = result.data.SESSION_IDLE_TIMEOUT ?? profile.SESSION_IDLE_TIMEOUT;
  const idle = parseDuration(idleText);
  if (!idle) throw new EnvError([`SESSION_IDLE_TIMEOUT: "${idleText}" is not a duration (use e.g. 900, 90s, 15m)`]);
  return { ...result.data, SESSION_IDLE_TIMEOUT: idle };
}
