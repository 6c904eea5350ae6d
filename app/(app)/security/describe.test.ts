import { describe, expect, it } from 'vitest';
import { describeEvent, describeEvents, describeUserAgent, type EventRow } from './describe';

describe('describeUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox 128 on Windows 10', 'desktop'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari 17 on iPhone, iOS 17.5', 'mobile'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Headless Chrome 131 on Linux', 'desktop'],
    ['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari 17 on iPad, iOS 17.5', 'tablet'],
    ['curl/8.5.0', 'Unknown browser', 'unknown'],
  ])('%s → %s', (ua, label, kind) => {
    expect(describeUserAgent(ua)).toEqual({ label, kind });
  });

  it('copes with no user agent', () => {
    expect(describeUserAgent(null)).toEqual({ label: 'Unknown device', kind: 'unknown' });
  });
});

describe('describeEvent', () => {
  it('puts the events the brief names in plain words', () => {
    expect(describeEvent('login.success', { method: 'password' })).toEqual({ title: 'Signed in with password', tone: 'normal' });
    expect(describeEvent('session.rotated', {})?.title).toBe('Session rotated');
    expect(describeEvent('login.failure', { method: 'password' })).toEqual({ title: 'Sign-in failed', tone: 'danger' });
    expect(describeEvent('session.reuse_detected', {})).toEqual({ title: 'Possible session theft detected — session ended', tone: 'danger' });
    expect(describeEvent('session.revoked', { reason: 'revoked-by-user', count: 2, scope: 'others' })?.title).toBe('Signed out 2 other sessions');
    expect(describeEvent('session.expired', { reason: 'idle' })?.title).toBe('Signed out after inactivity');
    // demo-bank:begin
    expect(describeEvent('transfer.created', { amountMinor: 2500, currency: 'EUR' })?.title).toBe('Transfer of €25.00 sent');
    // demo-bank:end
  });

  it('says which browsers a lock holds (ADR 031)', () => {
    expect(describeEvent('login.locked', { refuses: 'unfamiliar', needsUnlock: false })?.title).toBe('Account locked after too many failed sign-ins from browsers you have not signed in with');
    expect(describeEvent('login.locked', { refuses: 'known-device', needsUnlock: true })?.title).toBe('Account locked after too many failed sign-ins — contact support to unlock it');
  });

  it('leaves out events whose twin says it better', () => {
    expect(describeEvent('session.created', {})).toBeNull();
    expect(describeEvent('session.revoked', { reason: 'logout' })).toBeNull();
    expect(describeEvent('session.revoked', { reason: 'login-replaced' })).toBeNull();
    expect(describeEvent('session.revoked', { reason: 'credential-changed' })).toBeNull();
  });

  it('still says something for event types added later', () => {
    expect(describeEvent('webauthn.something_new', {})?.title).toBeTruthy();
  });

  it('names passkey changes, and flags a cloned passkey as a danger', () => {
    expect(describeEvent('passkey.added', { name: 'Work laptop' })).toEqual({ title: 'Passkey added: Work laptop', tone: 'normal' });
    expect(describeEvent('passkey.removed', { name: 'Old phone' })?.tone).toBe('danger');
    expect(describeEvent('passkey.clone_detected', {})?.tone).toBe('danger');
    expect(describeEvent('login.success', { method: 'passkey' })?.title).toBe('Signed in with a passkey');
    expect(describeEvent('session.revoked', { reason: 'passkey-changed' })?.title).toBe('Other sessions signed out after a passkey change');
  });
});

describe('describeEvents', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute));
  const row = (id: string, type: string, minute: number, sessionId = 's1', detail: object | null = null): EventRow => ({
    id,
    type,
    sessionId,
    ipAddress: '127.0.0.1',
    userAgent: null,
    detail: detail ? JSON.stringify(detail) : null,
    createdAt: at(minute),
  });

  it('folds runs of rotations of one session into one row', () => {
    const events = describeEvents([
      row('a', 'session.rotated', 50),
      row('b', 'session.rotated', 45),
      row('c', 'session.rotated', 40),
      row('d', 'session.rotated', 35, 's2'),
      row('e', 'login.success', 30, 's1', { method: 'password' }),
      row('f', 'session.created', 30),
    ]);
    expect(events.map((e) => [e.id, e.title, e.count])).toEqual([
      ['a', 'Session rotated (3 times)', 3],
      ['d', 'Session rotated', 1],
      ['e', 'Signed in with password', 1],
    ]);
  });

  it('stops at the limit and survives broken detail', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ ...row(`r${i}`, 'login.failure', 59 - i), detail: '{not json' }));
    expect(describeEvents(rows, 20)).toHaveLength(20);
  });
});
