// A passkey approving a payment (PSD2 RTS Art. 5, ADR 022): the demo bank's part
// of the passkey suite (the rest: e2e/passkeys.spec.ts), in real Chromium with
// its virtual authenticator.
import type { Request } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { createThrowawayUser, execE2e, insertPayee, makeAuthenticationStale, signInAs } from '../auth-helpers.ts';
import { addAuthenticator, registerPasskey, withPresence } from '../support/passkeys.ts';
import { requestPayment } from './payments.ts';

test('a passkey approves exactly one transfer: its assertion, replayed for another payee, is refused', async ({ page }) => {
  const user = await createThrowawayUser('passkey-sca', { accounts: true });
  const authenticator = await addAuthenticator(page);
  await signInAs(page, user);
  await registerPasskey(page, authenticator, 'Laptop', user);
  const landlord = insertPayee(user.id, 'Weber Hausverwaltung');
  const grocer = insertPayee(user.id, 'Grüner Markt');
  await makeAuthenticationStale(page.context());

  const requestApproval = (payeeId: string, amount: string) => requestPayment(page, payeeId, amount);

  // Payment P: the page shows what the passkey will sign for.
  const p = await requestApproval(landlord, '250.00');
  const details = page.locator('dl[aria-label="Payment to approve"]');
  await expect(details).toContainText('€250.00');
  await expect(details).toContainText('Weber Hausverwaltung');
  await expectNoAxeViolations(page, '/reauth for a payment, with a passkey');

  // Capture the browser's answer for P instead of letting it reach the server.
  let captured: Request | undefined;
  await page.route('**/reauth**', async (route) => {
    const request = route.request();
    if (request.method() === 'POST' && (request.postData() ?? '').includes('"clientDataJSON"')) {
      captured = request;
      await route.abort();
    } else await route.fallback();
  });
  await withPresence(
    authenticator,
    () => page.getByRole('button', { name: 'Approve with a passkey' }).click(),
    () => expect.poll(() => captured).toBeDefined(),
  );
  await page.unrouteAll();
  const body = captured!.postData()!;
  expect(body).toContain(p);

  // Payment Q, to another payee, pending in the same session.
  const q = await requestApproval(grocer, '250.00');
  expect(q).not.toBe(p);
  const { 'content-length': _length, ...headers } = captured!.headers();
  const replay = (data: string) => page.request.post(captured!.url(), { headers, data });
  const authorised = (id: string) => execE2e<{ authorisedAt: string | null; method: string | null }>('SELECT authorisedAt, method FROM "TransferAuthorisation" WHERE id = ?', id)[0];
  const forQ = await replay(body.replaceAll(p, q));
  expect(await forQ.text()).toContain('That passkey did not approve this payment');
  expect(authorised(q)?.authorisedAt).toBeNull();

  // The same answer for P itself — which it was made for — is accepted.
  await replay(body);
  expect(authorised(p)).toMatchObject({ method: 'passkey' });
  expect(authorised(p)?.authorisedAt).not.toBeNull();
  expect(authorised(q)?.authorisedAt).toBeNull();
});
