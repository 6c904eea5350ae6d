import { describe, expect, it } from 'vitest';
import { identityFromClaims } from './identity';
import { isAuthorizationRequest, isFirstPartyNavigation } from './request-checks';

const issuer = 'http://localhost:4455';
const claims = { iss: issuer, sub: 'alice-sub', email: 'alice@example.com', email_verified: true, aud: 'x', nonce: 'n' };

describe('identityFromClaims', () => {
  it('keeps issuer, subject, the normalised email and whether it is verified', () => {
    expect(identityFromClaims({ ...claims, email: '  Alice@Example.COM ' }, issuer)).toEqual({
      ok: true,
      identity: { issuer, subject: 'alice-sub', email: 'alice@example.com', emailVerified: true, name: null },
    });
  });

  it('refuses claims from another issuer', () => {
    expect(identityFromClaims({ ...claims, iss: 'http://localhost:9999' }, issuer)).toMatchObject({ ok: false });
    expect(identityFromClaims({ ...claims, iss: undefined }, issuer)).toMatchObject({ ok: false });
  });

  it.each([undefined, '', 42, 'x'.repeat(256)])('refuses the subject %j', (sub) => {
    expect(identityFromClaims({ ...claims, sub }, issuer)).toMatchObject({ ok: false });
  });

  it.each([
    [false, false],
    [undefined, false],
    ['false', false],
    [1, false],
    ['true', true], // a few providers send a string
    [true, true],
  ])('email_verified %j → verified %s', (value, verified) => {
    const parsed = identityFromClaims({ ...claims, email_verified: value }, issuer);
    expect(parsed.ok && parsed.identity.emailVerified).toBe(verified);
  });

  it.each([undefined, 42, 'not-an-email', 'two@@example.com', `${'a'.repeat(250)}@example.com`])(
    'has no usable email for %j (and so nothing verified)',
    (email) => {
      const parsed = identityFromClaims({ ...claims, email }, issuer);
      expect(parsed).toMatchObject({ ok: true, identity: { email: null, emailVerified: false } });
    },
  );

  it('keeps the provider-side name fit to show: control and bidi characters dropped, bounded', () => {
    const named = (name: unknown) => identityFromClaims({ ...claims, name }, issuer);
    expect(named('  Eve\u202e  Example\n')).toMatchObject({ identity: { name: 'Eve Example' } });
    expect(named('x'.repeat(500))).toMatchObject({ identity: { name: 'x'.repeat(100) } });
    expect(named(42)).toMatchObject({ identity: { name: null } });
    expect(named('\u200b')).toMatchObject({ identity: { name: null } });
  });
});

describe('isFirstPartyNavigation', () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  it('allows a click on our own page and a typed URL', () => {
    expect(isFirstPartyNavigation(headers({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate' }))).toBe(true);
    expect(isFirstPartyNavigation(headers({ 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' }))).toBe(true);
    expect(isFirstPartyNavigation(headers({}))).toBe(true); // no Fetch Metadata at all
  });
  it('refuses cross-site or same-site starts, non-navigations and prefetches', () => {
    expect(isFirstPartyNavigation(headers({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }))).toBe(false);
    expect(isFirstPartyNavigation(headers({ 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate' }))).toBe(false);
    expect(isFirstPartyNavigation(headers({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' }))).toBe(false);
    expect(isFirstPartyNavigation(headers({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'no-cors' }))).toBe(false);
    expect(isFirstPartyNavigation(headers({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'navigate', 'sec-purpose': 'prefetch' }))).toBe(false);
    expect(isFirstPartyNavigation(headers({ 'next-router-prefetch': '1' }))).toBe(false);
  });
});

describe('isAuthorizationRequest', () => {
  const good =
    'http://localhost:4455/auth?response_type=code&client_id=app&redirect_uri=x&scope=openid&state=s&code_challenge=c&code_challenge_method=S256&nonce=n';
  it('accepts an authorization-code request for our client with state, S256 PKCE and nonce', () => {
    expect(isAuthorizationRequest(good, 'app')).toBe(true);
  });
  it.each([
    ['another client', good.replace('client_id=app', 'client_id=evil')],
    ['no state', good.replace('state=s&', '')],
    ['no nonce', good.replace('&nonce=n', '')],
    ['plain PKCE', good.replace('S256', 'plain')],
    ['implicit flow', good.replace('response_type=code', 'response_type=token')],
    ['a next-auth error page', 'http://localhost:3000/login?error=Configuration'],
    ['a relative URL', '/login'],
  ])('refuses %s', (_what, url) => {
    expect(isAuthorizationRequest(url, 'app')).toBe(false);
  });
});
