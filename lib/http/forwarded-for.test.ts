import { describe, expect, it } from 'vitest';
import { clientAddress, rewriteForwardedFor } from './forwarded-for';

describe('client address', () => {
  it('without a trusted proxy, ignores whatever X-Forwarded-For the client sent', () => {
    const header = rewriteForwardedFor('6.6.6.6, 7.7.7.7', '203.0.113.9', false);
    expect(clientAddress(header, false)).toBe('203.0.113.9');
  });

  it('behind one trusted proxy, takes the address the proxy appended, not the client-written prefix', () => {
    // nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    const fromNginx = '6.6.6.6, 198.51.100.7'; // client forged 6.6.6.6; nginx appended the real peer
    const header = rewriteForwardedFor(fromNginx, '127.0.0.1', true);
    expect(clientAddress(header, true)).toBe('198.51.100.7');
  });

  it('copes with a missing header or socket', () => {
    expect(clientAddress(null, false)).toBeNull();
    expect(clientAddress(rewriteForwardedFor(undefined, undefined, false), false)).toBeNull();
  });
});
