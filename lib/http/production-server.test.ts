import { describe, expect, it } from 'vitest';
import { PRODUCTION_SERVER_REQUIRED, unstampedRequestRefusal } from './production-server';

describe('unstampedRequestRefusal (ADR 033)', () => {
  it('refuses a production request without an arrival stamp with a 503 naming npm start', async () => {
    const refusal = unstampedRequestRefusal(null, 'production');
    expect(refusal?.status).toBe(503);
    expect(refusal?.headers.get('cache-control')).toBe('no-store');
    expect(await refusal?.text()).toContain('`npm start`');
    expect(PRODUCTION_SERVER_REQUIRED).toMatch(/next start/);
  });

  it('passes a stamped production request, and any request in development or tests', () => {
    expect(unstampedRequestRefusal({ at: new Date(), prefetch: false }, 'production')).toBeNull();
    expect(unstampedRequestRefusal(null, 'development')).toBeNull();
    expect(unstampedRequestRefusal(null, 'test')).toBeNull();
  });
});
