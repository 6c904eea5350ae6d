import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bankPaths, isUnder, withoutBankRegions } from './demo-bank';

describe('bankPaths', () => {
  it("reads README.md's list: folders and files, no comments", () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const paths = bankPaths(readme);
    expect(paths).toContain('lib/banking/');
    expect(paths).toContain('e2e/bank/');
    expect(paths.every((p) => !p.startsWith('#') && !p.includes(' '))).toBe(true);
  });

  it('refuses a list that reaches outside the repository', () => {
    expect(() => bankPaths('<!-- demo-bank:paths -->\n```text\n../elsewhere/\n```\n')).toThrow(/outside/);
    expect(() => bankPaths('no list')).toThrow(/no <!-- demo-bank:paths -->/);
  });
});

describe('isUnder', () => {
  it('matches a listed file, or anything inside a listed folder — never a sibling that shares a prefix', () => {
    const paths = ['lib/banking/', 'lib/dal/transfers.ts', 'app/api/accounts'];
    expect(isUnder('lib/banking/money.ts', paths)).toBe(true);
    expect(isUnder('lib/dal/transfers.ts', paths)).toBe(true);
    expect(isUnder('app/api/accounts/route.ts', paths)).toBe(true);
    expect(isUnder('lib/bankingx.ts', paths)).toBe(false);
    expect(isUnder('app/api/accounts-old/route.ts', paths)).toBe(false);
  });
});

describe('withoutBankRegions', () => {
  it('drops each region, keeping its `instead` line at the same indent (also as a JSX comment)', () => {
    const text = [
      'a',
      '  // demo-bank:begin',
      "  export const HOME = '/dashboard';",
      "  // demo-bank:instead export const HOME = '/profile';",
      '  // demo-bank:end',
      '      {/* demo-bank:begin */}',
      '      <Payment />',
      '      {/* demo-bank:instead <Nothing /> */}',
      '      {/* demo-bank:end */}',
      'b',
    ].join('\n');
    expect(withoutBankRegions(text)).toBe(["a", "  export const HOME = '/profile';", '      <Nothing />', 'b'].join('\n'));
  });

  it('leaves a file without regions as it is, and refuses unbalanced markers', () => {
    expect(withoutBankRegions('x\ny')).toBe('x\ny');
    expect(() => withoutBankRegions('// demo-bank:begin\nx', 'f.ts')).toThrow('f.ts:1: demo-bank:begin is never closed');
    expect(() => withoutBankRegions('// demo-bank:begin\n// demo-bank:begin\n// demo-bank:end')).toThrow(/inside the region/);
    expect(() => withoutBankRegions('// demo-bank:end')).toThrow(/without a begin/);
  });
});
