// How much longer an anonymous request takes for a known email than for an
// unknown one, for the "same timing" tests of flows that do the account's work
// after the response (password reset, sign-up). `ask` times one request and
// queues its after-response work; `drain` runs that work, untimed, after each
// pair — so either kind is measured after the same work (a mail catcher may
// share the process's event loop). Pairs run back to back, alternating which
// goes first, so machine load hits both alike. Returns the median of
// unknown time / known time: near 1 when alike, far below 1 when a known email
// is slower (the leak to fear: account work on the response path).
export async function medianTimingRatio(options: {
  known: string;
  unknown: (i: number) => string;
  ask: (email: string) => Promise<number>;
  drain: () => Promise<void>;
  pairs: number;
}): Promise<number> {
  const { known, unknown, ask, drain } = options;
  for (let i = 0; i < 3; i++) {
    await ask(known);
    await ask(`warm-${i}@example.com`);
    await drain();
  }
  const ratios: number[] = [];
  for (let i = 0; i < options.pairs; i++) {
    const [first, second] = i % 2 ? [known, unknown(i)] : [unknown(i), known];
    const a = await ask(first!);
    const b = await ask(second!);
    await drain();
    ratios.push(first === known ? b / a : a / b);
  }
  return [...ratios].sort((x, y) => x - y)[ratios.length >> 1]!;
}

/** Times one call. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
