import { describe, expect, it } from 'vitest';
import { checkServerActionRequest } from './server-action-request';

const ID = '60'.padEnd(42, 'a');

function fetchAction(body: string | FormData): Request {
  return new Request('http://app.test/login', { method: 'POST', headers: { 'next-action': ID }, body });
}
function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe('checkServerActionRequest', () => {
  it('lets through what React itself sends', async () => {
    // useActionState form: (prevState, formData) → multipart with the form under prefix "1_".
    const real = form([['0', '[{"error":"$undefined"},"$K1"]'], ['1_email', 'a@b.c'], ['1_password', 'x']]);
    expect(await checkServerActionRequest(fetchAction(real))).toEqual({ kind: 'valid' });
    expect(await checkServerActionRequest(fetchAction('[]'))).toEqual({ kind: 'valid' });
    expect(await checkServerActionRequest(fetchAction('[null,"$$x","$D2026-01-01T00:00:00.000Z","$n12"]'))).toEqual({ kind: 'valid' });
    const withPromise = form([['0', '["$@1"]'], ['1', '{"a":["$Q2"]}'], ['2', '[["k","v"]]']]);
    expect(await checkServerActionRequest(fetchAction(withPromise))).toEqual({ kind: 'valid' });
    // The no-JS post of the same form.
    const mpa = new Request('http://app.test/login', {
      method: 'POST',
      body: form([['$ACTION_REF_1', ''], ['$ACTION_1:0', `{"id":"${ID}","bound":"$@1"}`], ['$ACTION_1:1', '[{"error":"$undefined"}]'], ['email', 'a@b.c']]),
    });
    expect(await checkServerActionRequest(mpa)).toEqual({ kind: 'valid' });
  });

  it('refuses bodies React would fail to decode (Next answers those with a 500)', async () => {
    for (const body of ['not json', '{"a":1}', '["$@1"]', '["$1"]', '["$zz"]', '["$h1"]', '["$F1"]', '["$n1.5"]', '["$R1"]']) {
      expect((await checkServerActionRequest(fetchAction(body))).kind, body).toBe('invalid');
    }
    expect((await checkServerActionRequest(fetchAction(form([['0', '["$Q1"]'], ['1', '{"not":"pairs"}']])))).kind).toBe('invalid');
    expect((await checkServerActionRequest(fetchAction(form([['1', '[]']])))).kind).toBe('invalid'); // no root part
    const brokenMultipart = new Request('http://app.test/login', {
      method: 'POST',
      headers: { 'next-action': ID, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: 'garbage',
    });
    expect((await checkServerActionRequest(brokenMultipart)).kind).toBe('invalid');
    for (const bound of ['[{', '"$@9"', '42']) {
      const mpa = new Request('http://app.test/login', {
        method: 'POST',
        body: form([['$ACTION_REF_1', ''], ['$ACTION_1:0', bound === '42' ? '{"id":42}' : `{"id":"${ID}","bound":${bound === '[{' ? '"$@1"' : bound}}`], ['$ACTION_1:1', '[{']]),
      });
      expect((await checkServerActionRequest(mpa)).kind, bound).toBe('invalid');
    }
  });

  it('bounds the work across parts: a chain of parts naming each other is a 400, never a stack overflow (issue 20)', async () => {
    for (const length of [1_000, 10_000]) {
      for (const link of ['$@', '$', '$Q']) {
        // Part n is a list naming part n+1; the last is an empty list (or pairs).
        const parts: [string, string][] = Array.from({ length }, (_, n) => [String(n), n === length - 1 ? '[]' : `["${link}${(n + 1).toString(16)}"]`]);
        if (link === '$Q') parts.forEach((part, n) => n < length - 1 && (part[1] = `[["k","$Q${(n + 1).toString(16)}"]]`));
        expect(await checkServerActionRequest(fetchAction(form(parts))), `${length} × ${link}`).toEqual({ kind: 'invalid', reason: 'nested too deeply' });
      }
    }
    // Many actions in one no-JS form are checked against one budget, and stay within it.
    const entries: [string, string][] = [];
    for (let n = 0; n < 300; n++) entries.push([`$ACTION_REF_${n}`, ''], [`$ACTION_${n}:0`, `{"id":"${ID}","bound":"$@1"}`], [`$ACTION_${n}:1`, '[1]']);
    expect((await checkServerActionRequest(new Request('http://app.test/login', { method: 'POST', body: form(entries) }))).kind).toBe('valid');
    const wide = `[${Array.from({ length: 60_000 }, () => '0').join(',')}]`;
    expect(await checkServerActionRequest(fetchAction(wide))).toEqual({ kind: 'invalid', reason: 'too many values' });
    const manyParts = form([['0', `[${Array.from({ length: 1_100 }, (_, n) => `"$${(n + 1).toString(16)}"`).join(',')}]`], ...Array.from({ length: 1_100 }, (_, n): [string, string] => [String(n + 1), '1'])]);
    expect(await checkServerActionRequest(fetchAction(manyParts))).toEqual({ kind: 'invalid', reason: 'too many parts' });
  });

  it('does not read other requests', async () => {
    expect(await checkServerActionRequest(new Request('http://app.test/x'))).toEqual({ kind: 'not-an-action' });
    const logout = new Request('http://app.test/logout', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'reason=idle' });
    expect(await checkServerActionRequest(logout)).toEqual({ kind: 'not-an-action' });
    const plainMultipart = new Request('http://app.test/logout', { method: 'POST', body: form([['reason', 'idle']]) });
    expect(await checkServerActionRequest(plainMultipart)).toEqual({ kind: 'not-an-action' });
  });
});
