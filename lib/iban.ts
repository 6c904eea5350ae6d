// IBAN checks (ISO 13616 / ISO 7064 MOD 97-10). No imports: the demo bank and the seed both use it.

/** MOD 97-10 over the letters-as-numbers form, in chunks to stay within safe integers. */
export function mod97(text: string): number {
  const digits = [...text].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) remainder = Number(`${remainder}${digits.slice(i, i + 7)}`) % 97;
  return remainder;
}

export function isValidIban(iban: string): boolean {
  return /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban) && mod97(`${iban.slice(4)}${iban.slice(0, 4)}`) === 1;
}

/** What people type ("de89 3704 0044 0532 0130 00") → the electronic form ("DE89370400440532013000"). */
export function normaliseIban(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}
