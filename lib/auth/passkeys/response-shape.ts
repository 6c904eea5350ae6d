// The browser's answers (from @simplewebauthn/browser) arrive as untrusted JSON
// through server actions: their shape is checked before the library sees them,
// with bounds, so junk gets a clean refusal rather than an exception.
import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

const b64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/);
const common = {
  id: b64url(1400),
  rawId: b64url(1400),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

const registrationShape = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(4096),
    attestationObject: b64url(16384),
    authenticatorData: b64url(8192).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(8192).optional(),
  }),
});

const authenticationShape = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(4096),
    authenticatorData: b64url(8192),
    signature: b64url(2048),
    userHandle: b64url(512).optional(),
  }),
});

export function parseRegistrationResponse(input: unknown): RegistrationResponseJSON | undefined {
  const parsed = registrationShape.safeParse(input);
  if (!parsed.success) console.warn(`[passkeys] malformed registration response: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.success ? (parsed.data as RegistrationResponseJSON) : undefined;
}

export function parseAuthenticationResponse(input: unknown): AuthenticationResponseJSON | undefined {
  const parsed = authenticationShape.safeParse(input);
  if (!parsed.success) console.warn(`[passkeys] malformed authentication response: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.success ? (parsed.data as AuthenticationResponseJSON) : undefined;
}
