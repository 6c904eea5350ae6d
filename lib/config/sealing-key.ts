// Which SESSION_SECRETS key an instance seals and encrypts with — "the sealing
// key" — during a rolling rotation. Every listed key still unseals and decrypts;
// only the key that *new* seals use follows this rule. A process that has been up
// for less than SESSION_KEY_ROLLOUT seals with the second-newest key, one that
// every instance not yet restarted also knows, so a cookie it rotates stays
// readable there; once the window has passed (by then the rollout is over and
// every instance knows the newest key) it seals with the newest.
// docs/decisions/026-rolling-key-rollout.md
// Framework-free: scripts, the seed and middleware use it too.
import type { KeyMap } from './secrets.ts';

/** The SESSION_SECRETS key map together with the rule that picks the key new seals use. */
export type SessionKeys = { keys: KeyMap; sealingKeyId: () => string };
/** What sealing code accepts: SessionKeys, or a bare map (sealed under its newest key: scripts, tests). */
export type Keys = KeyMap | SessionKeys;

function keyIdsNewestFirst(map: KeyMap): string[] {
  const ids = Object.keys(map).filter((id) => /^\d+$/.test(id));
  if (ids.length === 0) throw new Error('SESSION_SECRETS has no key to seal with');
  return ids.sort((a, b) => Number(b) - Number(a));
}

/**
 * The id new seals use: the newest key once the process has been up for
 * `rolloutMs`, before that the second-newest (the newest when it is the only one).
 * `rolloutMs` 0 means the newest at once (emergency rotation: restart every instance together).
 */
export function sealingKeyId(map: KeyMap, processAgeMs: number, rolloutMs: number): string {
  const [newest, previous] = keyIdsNewestFirst(map) as [string, string | undefined];
  return processAgeMs >= rolloutMs || previous === undefined ? newest : previous;
}

/** This process's keys: its age is measured from its start, so the choice moves from the previous key to the newest once. */
export function createSessionKeys(keys: KeyMap, rolloutMs: number, processAgeMs: () => number = () => process.uptime() * 1000): SessionKeys {
  return { keys, sealingKeyId: () => sealingKeyId(keys, processAgeMs(), rolloutMs) };
}

const isSessionKeys = (keys: Keys): keys is SessionKeys => typeof (keys as Partial<SessionKeys>).sealingKeyId === 'function';

/** Every key: what unsealing and decryption try. */
export function allKeys(keys: Keys): KeyMap {
  return isSessionKeys(keys) ? keys.keys : keys;
}

/** The sealing key's id (a bare map: its newest key). */
export function currentSealingKeyId(keys: Keys): string {
  return isSessionKeys(keys) ? keys.sealingKeyId() : sealingKeyId(keys, 0, 0);
}

/**
 * A map holding only the sealing key, for iron-session's sealData: it always
 * seals under the highest id it is given, so it is given just the one.
 */
export function onlySealingKey(keys: Keys): KeyMap {
  const id = currentSealingKeyId(keys);
  return { [id]: allKeys(keys)[id]! };
}

/** True when a value sealed under `keyId` is older than the sealing key and should be re-sealed (never "back" to an older key). */
export function isOlderThanSealingKey(keyId: string, keys: Keys): boolean {
  return Number(keyId) < Number(currentSealingKeyId(keys));
}
