import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, createNonce } from './csp';

describe('Content-Security-Policy', () => {
  it('uses a fresh nonce each time and forbids framing, plugins and base hijacking', () => {
    const a = createNonce();
    expect(a).not.toBe(createNonce());
    const csp = buildContentSecurityPolicy(a, { development: false });
    expect(csp).toContain(`'nonce-${a}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
