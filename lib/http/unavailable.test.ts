import { describe, expect, it } from 'vitest';
import { unavailableResponse } from './unavailable';

describe('unavailableResponse', () => {
  it('answers a page with a calm 503 page that asks to retry, without scripts', async () => {
    const response = unavailableResponse('/dashboard', new Headers({ accept: 'text/html' }));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const body = await response.text();
    expect(body).toMatch(/temporarily unavailable/i);
    expect(body).not.toMatch(/<script|sign in/i);
  });

  it('answers APIs and Server Action calls with JSON', async () => {
    for (const [path, headers] of [['/api/accounts', {}], ['/transfers/new', { 'next-action': 'abc' }]] as const) {
      const response = unavailableResponse(path, new Headers(headers));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: 'service_unavailable' });
    }
  });
});
