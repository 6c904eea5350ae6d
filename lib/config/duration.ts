// "900", "900s", "15m", "12h", "30d" → milliseconds. A bare number means seconds.
const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 's') as keyof typeof unitMs;
  return Math.round(Number(match[1]) * unitMs[unit]);
}
