// 1,000 malformed, tampered and oversized cookie values: never a 5xx, never in.
import crypto from 'node:crypto';
import { expect, test } from './support/fixtures.ts';
import { fetchWithCookie, sessionCookieValue, signIn } from './support/session.ts';

function mutations(genuine: string, count: number): string[] {
  const printable = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_*~.%!$&\'()+/:<>=?@[]^`{|}';
  const random = (n: number) => Array.from({ length: n }, () => printable[crypto.randomInt(printable.length)]).join('');
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 6) {
      case 0: values.push(random(1 + crypto.randomInt(600))); break;
      case 1: values.push(genuine.slice(0, crypto.randomInt(genuine.length))); break; // truncated
      case 2: { const at = crypto.randomInt(genuine.length); values.push(genuine.slice(0, at) + random(1) + genuine.slice(at + 1)); break; }
      case 3: values.push(genuine + random(1 + crypto.randomInt(12_000))); break; // oversized
      case 4: values.push(`Fe26.2*1*${crypto.randomBytes(crypto.randomInt(300)).toString('base64url')}*${random(40)}~2`); break;
      default: values.push(genuine.replace('*1*', `*${crypto.randomInt(99)}*`)); break; // unknown password id
    }
  }
  return values.filter((v) => v !== genuine);
}

test('1,000 malformed cookies → 0 responses ≥ 500, 0 authenticated', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const genuine = await sessionCookieValue(context);
  const values = mutations(genuine, 1000);
  let serverErrors = 0;
  let authenticated = 0;
  for (let i = 0; i < values.length; i += 10) {
    const batch = values.slice(i, i + 10);
    const responses = await Promise.all(
      batch.map((value, j) => fetchWithCookie(`${baseURL}${(i + j) % 2 ? '/api/accounts' : '/dashboard'}`, value)),
    );
    for (const response of responses) {
      if (response.status >= 500) serverErrors++;
      if (response.status === 200) authenticated++;
      await response.body?.cancel();
    }
  }
  expect(serverErrors).toBe(0);
  expect(authenticated).toBe(0);
});
