// Pure results of few distinct inputs (a zone's day starts, a currency's
// formatter), remembered per process. Bounded the simplest way: once full it
// forgets everything and refills, which a render does in one pass.

/** `remember(key, compute)`: the value computed for `key` the first time, kept until `limit` keys are held. */
export function boundedMemo<V>(limit: number): (key: string, compute: () => V) => V {
  const entries = new Map<string, V>();
  return (key, compute) => {
    const known = entries.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (entries.size >= limit) entries.clear();
    entries.set(key, value);
    return value;
  };
}
