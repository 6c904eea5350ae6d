import { describe, expect, it } from 'vitest';
import { formText } from './form-input';

describe('formText', () => {
  it('reads text fields, capped', () => {
    const form = new FormData();
    form.set('a', 'hello');
    form.set('long', 'x'.repeat(50));
    form.set('file', new Blob(['1']), 'f.txt');
    expect(formText(form, 'a')).toBe('hello');
    expect(formText(form, 'long', 10)).toHaveLength(11);
    expect(formText(form, 'file')).toBe('');
    expect(formText(form, 'missing')).toBe('');
  });

  it('reads nothing, and does not throw, when a crafted call passes something that is not a form', () => {
    for (const notAForm of [null, undefined, 42, 'email=a', [], { get: () => 'x' }, new Map([['email', 'a']])]) {
      expect(formText(notAForm, 'email')).toBe('');
    }
  });
});
