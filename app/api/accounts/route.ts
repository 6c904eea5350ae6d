import { getCurrentSession } from '@/lib/dal/session';
import { fetchAccountBalances } from '@/lib/dal/accounts';

// The signed-in user's accounts as JSON. The DAL decides, not middleware:
// without a valid session this is a 401 even if middleware was bypassed.
export async function GET() {
  const current = await getCurrentSession();
  if (current.status !== 'authenticated') {
    return Response.json({ error: 'unauthenticated' }, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  }
  const accounts = await fetchAccountBalances(current.user.id);
  return Response.json({ accounts }, { headers: { 'Cache-Control': 'no-store' } });
}
