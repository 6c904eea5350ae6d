import { describe, expect, it } from 'vitest';
import { isCrossOriginRequest, isSameOriginRequest } from './same-origin';

const request = (headers: Record<string, string>) => ({ method: 'POST', headers: new Headers(headers) });

describe('isSameOriginRequest', () => {
  it('accepts an Origin that matches the Host', () => {
    expect(isSameOriginRequest(request({ origin: 'http://localhost:3000', host: 'localhost:3000' }))).toBe(true);
  });
  it.each([
    [{ host: 'localhost:3000' }],
    [{ origin: 'null', host: 'localhost:3000' }],
    [{ origin: 'http://evil.example', host: 'localhost:3000' }],
    [{ origin: 'http://localhost:3001', host: 'localhost:3000' }],
    [{ origin: 'not a url', host: 'localhost:3000' }],
  ])('refuses %j', (headers) => {
    expect(isSameOriginRequest(request(headers))).toBe(false);
  });

  it('judges the host as Next judges Server Actions: the first X-Forwarded-Host, else Host', () => {
    const proxied = { host: 'app-1:3000', origin: 'https://bank.example' };
    expect(isSameOriginRequest(request({ ...proxied, 'x-forwarded-host': 'bank.example' }))).toBe(true);
    expect(isSameOriginRequest(request({ ...proxied, 'x-forwarded-host': 'bank.example, app-1:3000' }))).toBe(true);
    expect(isSameOriginRequest(request({ ...proxied, 'x-forwarded-host': 'evil.example' }))).toBe(false);
    expect(isSameOriginRequest(request({ host: 'bank.example', origin: 'https://bank.example', 'x-forwarded-host': 'other.example' }))).toBe(false);
  });

  it('calls a request cross-origin only when it names another (or an opaque) origin', () => {
    expect(isCrossOriginRequest(request({ origin: 'https://evil.example', host: 'bank.example' }))).toBe(true);
    expect(isCrossOriginRequest(request({ origin: 'null', host: 'bank.example' }))).toBe(true);
    expect(isCrossOriginRequest(request({ origin: 'https://bank.example', host: 'bank.example' }))).toBe(false);
    expect(isCrossOriginRequest(request({ host: 'bank.example' }))).toBe(false);
  });

  it('calls a request without Origin cross-origin when Fetch Metadata says another site started it (issue 19)', () => {
    expect(isCrossOriginRequest(request({ host: 'bank.example', 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(isCrossOriginRequest(request({ host: 'bank.example', 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(isCrossOriginRequest(request({ host: 'bank.example', 'sec-fetch-site': 'Cross-Site ' }))).toBe(true);
    expect(isCrossOriginRequest(request({ host: 'bank.example', 'sec-fetch-site': 'same-origin' }))).toBe(false);
    expect(isCrossOriginRequest(request({ host: 'bank.example', 'sec-fetch-site': 'none' }))).toBe(false);
  });

  it('needs both signals to agree: either one naming another site is enough to refuse', () => {
    expect(isCrossOriginRequest(request({ origin: 'https://evil.example', host: 'bank.example', 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isCrossOriginRequest(request({ origin: 'https://bank.example', host: 'bank.example', 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(isCrossOriginRequest(request({ origin: 'https://bank.example', host: 'bank.example', 'sec-fetch-site': 'same-origin' }))).toBe(false);
  });
});
