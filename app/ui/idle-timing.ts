// When the idle warning shows. Pure, so it is tested without a browser.

/** Normally one minute before the idle limit; for idle timeouts under two minutes, at half-time. */
export function warningLeadMs(idleTimeoutMs: number): number {
  return idleTimeoutMs < 120_000 ? Math.round(idleTimeoutMs / 2) : 60_000;
}

export type IdlePhase = { phase: 'quiet'; warnInMs: number } | { phase: 'warning'; remainingMs: number } | { phase: 'expired' };

export function idlePhase(now: number, expiresAt: number, leadMs: number): IdlePhase {
  if (now >= expiresAt) return { phase: 'expired' };
  if (now >= expiresAt - leadMs) return { phase: 'warning', remainingMs: expiresAt - now };
  return { phase: 'quiet', warnInMs: expiresAt - leadMs - now };
}

/** Screen readers hear the countdown at these points only, not every second. */
export function announcement(remainingSeconds: number, leadSeconds: number): string | null {
  const marks = [leadSeconds, 30, 10].filter((mark) => mark <= leadSeconds);
  const mark = marks.find((m) => remainingSeconds <= m && remainingSeconds > m - 1);
  return mark === undefined ? null : `You will be signed out in ${mark} seconds unless you choose to stay signed in.`;
}

/**
 * The server's clock minus ours, from the response's Date header (1 s
 * resolution, so differences under 2 s are treated as none).
 */
export function clockSkewMs(dateHeader: string | null, receivedAt: number): number {
  const serverNow = dateHeader ? Date.parse(dateHeader) : NaN;
  if (Number.isNaN(serverNow)) return 0;
  const skew = serverNow - receivedAt;
  return Math.abs(skew) < 2_000 ? 0 : skew;
}
