import { getCurrentSession } from '@/lib/dal/session';

// Who is signed in, as JSON: the neutral "am I signed in?" any client (and the
// e2e suite) can ask, bank or no bank. Identity and how strongly this session
// was authenticated — nothing secret. The DAL decides, not middleware: without
// a valid session this is a 401 even if middleware was bypassed.
export async function GET() {
  const headers = { 'Cache-Control': 'no-store' };
  const current = await getCurrentSession();
  if (current.status !== 'authenticated') return Response.json({ error: 'unauthenticated' }, { status: 401, headers });
  const { user, authLevel } = current;
  return Response.json(
    { id: user.id, email: user.email, name: user.name, authLevel, mfa: { totp: user.totpEnabled, passkey: user.hasPasskey } },
    { headers },
  );
}
