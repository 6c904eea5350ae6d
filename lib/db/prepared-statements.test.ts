import { describe, expect, it } from 'vitest';
import { preparedStatementName } from './prepared-statements';

describe('preparedStatementName', () => {
  it('leaves statements unnamed unless they opt in', () => {
    expect(preparedStatementName('SELECT "id" FROM "Session" WHERE "id" = $1')).toBeUndefined();
    expect(preparedStatementName('SELECT 1 /* prepare: late */')).toBeUndefined();
    expect(preparedStatementName('/* prepare: Bad-Name */ SELECT 1')).toBeUndefined();
  });

  it('names a marked statement after its marker and its exact text, so one name never means two texts', () => {
    const a = preparedStatementName('/* prepare: session_read */ SELECT 1');
    const b = preparedStatementName('/* prepare: session_read */ SELECT 2');
    expect(a).toMatch(/^session_read_[0-9a-f]{12}$/);
    expect(b).toMatch(/^session_read_[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(preparedStatementName('/* prepare: session_read */ SELECT 1')).toBe(a);
  });
});
