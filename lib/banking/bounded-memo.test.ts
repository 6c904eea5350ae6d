import { describe, expect, it } from 'vitest';
import { boundedMemo } from './bounded-memo';

describe('boundedMemo', () => {
  it('computes a key once, and starts over once it holds `limit` keys', () => {
    let computed = 0;
    const remember = boundedMemo<number>(2);
    const square = (n: number) => remember(String(n), () => (computed++, n * n));
    expect([square(3), square(3), square(4)]).toEqual([9, 9, 16]);
    expect(computed).toBe(2);
    square(5); // full: forgets 3 and 4
    square(3);
    expect(computed).toBe(4);
    square(5);
    expect(computed).toBe(4);
  });
});
