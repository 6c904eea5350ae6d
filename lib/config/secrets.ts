// SESSION_SECRETS: "2:<newest>,1:<older>" — iron-session's password map. Ids are
// explicit and stable so a new secret can be prepended (next id) without
// invalidating cookies sealed under an older one; the highest id seals.
export type PasswordMap = Record<string, string>;

export const MIN_SECRET_LENGTH = 32;

export function parseSessionSecrets(text: string): PasswordMap | string {
  const entries = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (entries.length === 0) return 'must name at least one secret';
  const map: PasswordMap = {};
  for (const [index, entry] of entries.entries()) {
    // A single bare secret is shorthand for "1:<secret>".
    const hasId = /^\d+:/.test(entry);
    if (!hasId && entries.length > 1) return `entry ${index + 1} needs an id ("<id>:<secret>")`;
    const [id, secret] = hasId ? [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)] : ['1', entry];
    if (Number(id) < 1) return `ids must be positive integers (entry ${index + 1})`;
    if (map[id] !== undefined) return `id ${id} appears twice`;
    if (secret.length < MIN_SECRET_LENGTH) return `secret ${id} is shorter than ${MIN_SECRET_LENGTH} characters`;
    map[id] = secret;
  }
  return map;
}
