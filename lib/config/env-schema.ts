// The whole configuration, validated by zod. parseEnv() is pure (tests feed it
// objects); lib/env.ts applies it to process.env once, at boot.
import { z } from 'zod';
import { parseDuration } from './duration';
import { parseSessionSecrets, type KeyMap } from './secrets';
import { PSD2_MAX_IDLE_MS, sessionSettingProblems } from './session-settings';
import { resolveDatabase } from './database-url';
// demo-bank:begin
import { RTS_LOW_VALUE_LIMITS } from './payment-limits';
// demo-bank:end
import { resolveRelyingParty, type RelyingParty } from './relying-party';
import { DEFAULT_MAIL_FROM, DEFAULT_SMTP_URL, mailFrom, smtpUrl } from './mail-settings';

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

// A duration that may also be 0 ("off").
const durationOrZero = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (use e.g. 0, 90s, 15m, 1h)` });
        return z.NEVER;
      }
      return ms;
    });

// "true"/"1" or "false"/"0", off unless set.
const flag = () =>
  z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// Session policy defaults and their sources: docs/decisions/007-session-timeouts.md
const sessionProfiles = {
  default: { SESSION_IDLE_TIMEOUT: '15m' },
  psd2: { SESSION_IDLE_TIMEOUT: `${PSD2_MAX_IDLE_MS / 1000}s` }, // PSD2 RTS Art. 4(3)(d)
} as const;

// Single sign-on through one OpenID Connect provider: off unless AUTH_OIDC_ISSUER,
// AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET are all set (a partial set fails
// at boot). next-auth's AUTH_SECRET is not used: its key is derived from
// SESSION_SECRETS. docs/decisions/012-sso-with-next-auth.md
const isLoopbackHost = (hostname: string) => hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
const webUrl = (what: string) =>
  z.string().superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be ${what}, e.g. https://login.example.com` });
      return;
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      ctx.addIssue({ code: 'custom', message: 'must use https (plain http is accepted for localhost only)' });
    }
    if (url.search || url.hash || /[?#]$/.test(text) || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must not contain credentials, a query or a fragment' });
    }
  });
const oidcSettings = {
  AUTH_OIDC_ISSUER: webUrl('the issuer URL of an OpenID Connect provider').optional(),
  AUTH_OIDC_CLIENT_ID: z.string().max(512).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().max(4096).optional(),
  AUTH_OIDC_NAME: z.string().trim().min(1).max(40).optional(), // "Continue with <name>"; default "SSO"
  // The app's public origin, when the Host header cannot be trusted to be it (redirect URIs are built from it).
  AUTH_URL: webUrl('an origin such as https://bank.example.com')
    .refine((text) => !URL.canParse(text) || new URL(text).pathname === '/', 'must be an origin without a path')
    .optional(),
};
const requiredOidcSettings = ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_CLIENT_SECRET'] as const;
function requireAllOrNoOidcSettings(value: Partial<Record<keyof typeof oidcSettings, unknown>>, ctx: z.RefinementCtx): void {
  const present = requiredOidcSettings.filter((name) => value[name] !== undefined);
  if (present.length === 0) {
    if (value.AUTH_OIDC_NAME !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_OIDC_NAME'], message: `is set but SSO is off (set ${requiredOidcSettings.join(', ')} too, or remove it)` });
    }
    return;
  }
  for (const name of requiredOidcSettings) {
    if (value[name] === undefined) {
      ctx.addIssue({ code: 'custom', path: [name], message: `is required when ${present.join(' and ')} ${present.length === 1 ? 'is' : 'are'} set (SSO needs all of ${requiredOidcSettings.join(', ')}, or none)` });
    }
  }
}

// demo-bank:begin
// Strong customer authentication for payments (PSD2 RTS Art. 16 low-value
// exemption, Art. 5 dynamic linking): the exemption limits can only be lowered
// below the RTS ceilings. docs/decisions/017-strong-customer-authentication-for-payments.md
const atMost = (ceiling: number, fallback: number, what: string) =>
  z.coerce.number().int().nonnegative().max(ceiling, `must be at most ${ceiling} (${what}; it can only be lowered)`).default(fallback);
const scaSettings = {
  SCA_EXEMPTION_SINGLE_MAX_MINOR: atMost(RTS_LOW_VALUE_LIMITS.singleMaxMinor, RTS_LOW_VALUE_LIMITS.singleMaxMinor, 'RTS Art. 16(a): €30.00'),
  SCA_EXEMPTION_CUMULATIVE_MAX_MINOR: atMost(RTS_LOW_VALUE_LIMITS.cumulativeMaxMinor, RTS_LOW_VALUE_LIMITS.cumulativeMaxMinor, 'RTS Art. 16(b): €100.00'),
  SCA_EXEMPTION_MAX_COUNT: atMost(RTS_LOW_VALUE_LIMITS.maxCount, RTS_LOW_VALUE_LIMITS.maxCount, 'RTS Art. 16(c): five payments'),
  // How long a transfer's approval (from the re-authentication page) stays usable.
  TRANSFER_AUTHORISATION_TTL: duration('5m').refine((ms) => ms <= 15 * 60_000, 'must be at most 15m'),
};
// demo-bank:end

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Set by server.ts, not by operators: the NODE_ENV it was launched with (Next sets
  // NODE_ENV=production for every build it serves). lib/dal/demo-users.ts reads it.
  LAUNCH_NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
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
    .transform((text, ctx): KeyMap => {
      const parsed = parseSessionSecrets(text);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  // How long a restarted instance keeps sealing with the previous key before the
  // newest one, so a rolling restart adding a key signs nobody out; 0 = at once.
  // docs/decisions/026-rolling-key-rollout.md
  SESSION_KEY_ROLLOUT: durationOrZero('15m'),
  SESSION_PROFILE: z.enum(['default', 'psd2']).default('default'),
  SESSION_IDLE_TIMEOUT: z.string().optional(), // default comes from the profile
  SESSION_ABSOLUTE_TIMEOUT: duration('12h'),
  SESSION_ROTATION_INTERVAL: duration('5m'),
  SESSION_ROTATION_GRACE: duration('30s'),
  SESSION_TOUCH_INTERVAL: duration('60s'),
  SESSION_FRESH_AUTH_WINDOW: duration('5m'),
  SESSION_RETENTION: duration('30d'),
  SESSION_PURGE_INTERVAL: duration('1h'),
  // Concurrent sessions per user (ASVS 7.1.2); a new sign-in beyond it ends the least recently used one.
  SESSION_MAX_PER_USER: z.coerce.number().int().min(1).max(100).default(10),
  // Sign-in throttling and lockout: docs/decisions/010-login-throttling-and-lockout.md
  // PSD2 RTS Art. 4(3)(b): never more than 5 consecutive failures; env can only make it stricter.
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(5).default(5),
  LOGIN_LOCKOUT_DURATION: duration('15m'),
  LOGIN_IP_MAX_ATTEMPTS: positiveInt(50),
  LOGIN_IP_WINDOW: duration('15m'),
  // Failures older than this no longer count (docs/decisions/018-decaying-bounded-throttle.md).
  LOGIN_FAILURE_WINDOW: duration('15m'),
  // Each lock within LOGIN_LOCK_MEMORY doubles the last; this many locks need an out-of-band unlock.
  LOGIN_MAX_LOCKS: z.coerce.number().int().min(1).max(10).default(5),
  LOGIN_LOCK_MEMORY: duration('24h'),
  // MFA code step: docs/decisions/011-mfa-pending-login.md
  PENDING_LOGIN_TTL: duration('5m'),
  // demo-bank:begin
  // Transfers between own accounts above this many minor units (cents) need a fresh authentication (step-up).
  TRANSFER_STEP_UP_THRESHOLD_MINOR: z.coerce.number().int().nonnegative().default(100_000),
  ...scaSettings,
  // demo-bank:end
  PORT: positiveInt(3000),
  // Set when a proxy we run (nginx) sets X-Forwarded-For; see lib/http/request-context.ts.
  TRUST_PROXY: flag(),
  // Set when that proxy also stamps X-Request-Start (nginx: "t=$msec"), overwriting
  // any client's: rotation's grace is then judged from it, backdated by at most
  // min(5 s, grace / 3). Off even with TRUST_PROXY. lib/http/request-start.ts, ADR 033
  TRUST_REQUEST_START: flag(),
  // Set only by `npm run cluster`: server.ts then names the instance in an
  // X-Strongroom-Instance response header, so tests can see which one answered.
  // Off by default: a deployment has no reason to describe its topology to clients.
  CLUSTER_INSTANCE: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'must be 1–32 lowercase letters, digits or "-"')
    .optional(),
  ...oidcSettings,
  // Passkeys (WebAuthn): lib/config/relying-party.ts, docs/decisions/022-passkeys.md
  RP_ID: z.string().max(253).optional(),
  RP_ORIGIN: z.string().max(2048).optional(),
  RP_NAME: z.string().max(200).optional(),
  // Outgoing mail (password reset): lib/config/mail-settings.ts, ADR 040. The default is the
  // development catcher `npm start` runs; the launcher and server.ts require SMTP_URL in production.
  SMTP_URL: smtpUrl.default(DEFAULT_SMTP_URL),
  MAIL_FROM: mailFrom.default(DEFAULT_MAIL_FROM),
  // Who may create an account (ADR 045): "open" (anyone signs up at /sign-up and
  // proves the address; signed-in users may invite too), "invite-only" (a
  // signed-in user or an operator invites), "off" (only `npm run users:create`).
  // Off unless chosen: a bank opens no accounts to strangers by default.
  SIGN_UP: z.enum(['open', 'invite-only', 'off']).default('off'),
})
  .superRefine(requireAllOrNoOidcSettings)
  .superRefine((value, ctx) => {
    if (value.TRUST_REQUEST_START && !value.TRUST_PROXY) {
      ctx.addIssue({ code: 'custom', path: ['TRUST_REQUEST_START'], message: 'needs TRUST_PROXY=true (only a proxy you run may say when a request arrived)' });
    }
  });

export type Env = Omit<z.infer<typeof schema>, 'SESSION_IDLE_TIMEOUT'> & { SESSION_IDLE_TIMEOUT: number; relyingParty: RelyingParty };

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
  const relyingParty = resolveRelyingParty(result.data);
  if (Array.isArray(relyingParty)) throw new EnvError(relyingParty);
  const env = { ...result.data, SESSION_IDLE_TIMEOUT: idle, relyingParty };
  const problems = sessionSettingProblems(env, result.data.SESSION_IDLE_TIMEOUT !== undefined);
  if (problems.length > 0) throw new EnvError(problems);
  return env;
}
